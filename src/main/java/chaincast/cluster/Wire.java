package chaincast.cluster;

import chaincast.cluster.v1.BlockSums;
import chaincast.cluster.v1.BlockTask;
import chaincast.cluster.v1.CountHistogram;
import chaincast.cluster.v1.NormalSource;
import chaincast.cluster.v1.NormalSourceKind;
import chaincast.cluster.v1.RangeCounts;
import chaincast.cluster.v1.SparseHistogram;
import chaincast.engine.NormalSourceSpec;
import chaincast.engine.RangeResult;
import chaincast.engine.RemoteJob;
import chaincast.engine.RemoteOrigin;
import chaincast.engine.TallyCounts;
import com.google.protobuf.ByteString;
import java.util.List;

/** Maps the engine's job and range results onto {@code chaincast.cluster.v1} and back. */
final class Wire {
  private Wire() {}

  static BlockTask task(RemoteJob job, long first, long end, Identity identity) {
    NormalSourceSpec s = job.source();
    NormalSource.Builder source =
        NormalSource.newBuilder()
            .setKind(
                switch (s.kind()) {
                  case PSEUDO_RANDOM -> NormalSourceKind.NORMAL_SOURCE_KIND_PSEUDO_RANDOM;
                  case SCRAMBLED_SOBOL -> NormalSourceKind.NORMAL_SOURCE_KIND_SCRAMBLED_SOBOL;
                  case TILTED -> NormalSourceKind.NORMAL_SOURCE_KIND_TILTED;
                })
            .setScrambleSeed(s.scrambleSeed())
            .setRandomisation(s.randomisation())
            .setDefensive(s.defensive());
    for (double t : s.theta()) {
      source.addTheta(t);
    }
    return BlockTask.newBuilder()
        .setModelDigest(identity.modelDigest())
        .setEngineVersion(identity.engineVersion())
        .setRequest(ByteString.copyFrom(job.origin().request()))
        .setTarget(job.origin().target())
        .setSeed(job.seed())
        .setSource(source)
        .setWeighted(job.weighted())
        .setWeightOffset(job.weightOffset())
        .setPathLimit(job.pathLimit())
        .setFirstBlock(first)
        .setEndBlock(end)
        .build();
  }

  static RemoteJob job(BlockTask t) {
    NormalSource s = t.getSource();
    NormalSourceSpec.Kind kind =
        switch (s.getKind()) {
          case NORMAL_SOURCE_KIND_PSEUDO_RANDOM -> NormalSourceSpec.Kind.PSEUDO_RANDOM;
          case NORMAL_SOURCE_KIND_SCRAMBLED_SOBOL -> NormalSourceSpec.Kind.SCRAMBLED_SOBOL;
          case NORMAL_SOURCE_KIND_TILTED -> NormalSourceSpec.Kind.TILTED;
          default -> throw new IllegalArgumentException("task without a known normal source");
        };
    double[] theta = s.getThetaList().stream().mapToDouble(Double::doubleValue).toArray();
    return new RemoteJob(
        new RemoteOrigin(t.getRequest().toByteArray(), t.getTarget()),
        t.getSeed(),
        new NormalSourceSpec(
            kind, s.getScrambleSeed(), s.getRandomisation(), theta, s.getDefensive()),
        t.getWeighted(),
        t.getWeightOffset(),
        t.getPathLimit());
  }

  static RangeCounts encode(RangeResult r) {
    TallyCounts c = r.counts();
    RangeCounts.Builder out =
        RangeCounts.newBuilder()
            .setFirstBlock(r.first())
            .setTotalWeight(c.totalWeight())
            .setClampedPaths(c.clampedPaths());
    for (double[] sums : r.blockSums()) {
      BlockSums.Builder b = BlockSums.newBuilder();
      for (double v : sums) {
        b.addSums(v);
      }
      out.addBlocks(b);
    }
    for (long v : c.hits()) {
      out.addHits(v);
    }
    for (long v : c.jointHits()) {
      out.addJointHits(v);
    }
    for (long v : c.hitPaths()) {
      out.addHitPaths(v);
    }
    for (long v : c.jointHitPaths()) {
      out.addJointHitPaths(v);
    }
    for (TallyCounts.Bins b : c.series()) {
      out.addSeries(encode(b));
    }
    for (TallyCounts.Counts h : c.countHistograms()) {
      CountHistogram.Builder b = CountHistogram.newBuilder().setPresent(h != null);
      if (h != null) {
        b.setExactLength(h.exactLength());
        for (int i = 0; i < h.exactIndexes().length; i++) {
          b.addExactIndexes(h.exactIndexes()[i]).addExactWeights(h.exactWeights()[i]);
        }
        if (h.large() != null) {
          b.setLarge(encode(h.large()));
        }
      }
      out.addCountHistograms(b);
    }
    return out.build();
  }

  private static SparseHistogram encode(TallyCounts.Bins b) {
    SparseHistogram.Builder out =
        SparseHistogram.newBuilder().setCount(b.count()).setMin(b.min()).setMax(b.max());
    int last = 0;
    for (int i = 0; i < b.fineKeys().length; i++) {
      out.addFineKeyDeltas(b.fineKeys()[i] - last).addFineCounts(b.fineCounts()[i]);
      last = b.fineKeys()[i];
    }
    for (int i = 0; i < b.coarseExponents().length; i++) {
      out.addCoarseExponents(b.coarseExponents()[i]).addCoarseCounts(b.coarseCounts()[i]);
    }
    return out.build();
  }

  static RangeResult decode(RangeCounts r) {
    double[][] sums = new double[r.getBlocksCount()][];
    for (int i = 0; i < sums.length; i++) {
      sums[i] = r.getBlocks(i).getSumsList().stream().mapToDouble(Double::doubleValue).toArray();
    }
    TallyCounts.Bins[] series = new TallyCounts.Bins[r.getSeriesCount()];
    for (int s = 0; s < series.length; s++) {
      series[s] = decode(r.getSeries(s));
    }
    TallyCounts.Counts[] counts = new TallyCounts.Counts[r.getCountHistogramsCount()];
    for (int t = 0; t < counts.length; t++) {
      CountHistogram h = r.getCountHistograms(t);
      if (h.getPresent()) {
        counts[t] =
            new TallyCounts.Counts(
                h.getExactLength(),
                ints(h.getExactIndexesList()),
                longs(h.getExactWeightsList()),
                h.hasLarge() ? decode(h.getLarge()) : null);
      }
    }
    TallyCounts tally =
        new TallyCounts(
            longs(r.getHitsList()),
            longs(r.getJointHitsList()),
            longs(r.getHitPathsList()),
            longs(r.getJointHitPathsList()),
            r.getTotalWeight(),
            r.getClampedPaths(),
            series,
            counts);
    return new RangeResult(r.getFirstBlock(), sums, tally);
  }

  private static TallyCounts.Bins decode(SparseHistogram h) {
    int[] keys = new int[h.getFineKeyDeltasCount()];
    int key = 0;
    for (int i = 0; i < keys.length; i++) {
      key += h.getFineKeyDeltas(i);
      keys[i] = key;
    }
    return new TallyCounts.Bins(
        h.getCount(),
        h.getMin(),
        h.getMax(),
        keys,
        longs(h.getFineCountsList()),
        ints(h.getCoarseExponentsList()),
        longs(h.getCoarseCountsList()));
  }

  private static long[] longs(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).toArray();
  }

  private static int[] ints(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }
}
