package chaincast.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * The task a member runs: a {@code chaincast.cluster.v1.BlockTask} as bytes, answered with a {@code
 * BlockResult} as bytes. It travels as Hazelcast's {@link DataSerializable} (its one byte array),
 * so no Java serialisation is involved, of engine objects or any other.
 */
public final class BlockCall implements Callable<byte[]>, DataSerializable, HazelcastInstanceAware {

  /** The user-context key under which a member's {@link MemberWork} is found. */
  static final String MEMBER_WORK = "chaincast.memberWork";

  private byte[] task;
  private transient HazelcastInstance instance;

  /** For Hazelcast's deserialisation. */
  public BlockCall() {}

  BlockCall(byte[] task) {
    this.task = task;
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance instance) {
    this.instance = instance;
  }

  @Override
  public byte[] call() {
    Object work = instance.getUserContext().get(MEMBER_WORK);
    return work instanceof MemberWork w ? w.answer(task) : MemberWork.notReady();
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeByteArray(task);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    task = in.readByteArray();
  }
}
