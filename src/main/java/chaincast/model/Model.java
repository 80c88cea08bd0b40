package chaincast.model;

import chaincast.v1.Actual;
import chaincast.v1.Cell;
import chaincast.v1.Chain;
import chaincast.v1.ChainFamily;
import chaincast.v1.CountCell;
import chaincast.v1.JointSet;
import chaincast.v1.Observation;
import chaincast.v1.Plan;
import chaincast.v1.Region;
import chaincast.v1.Scope;
import chaincast.v1.Seed;
import chaincast.v1.ShockSettings;
import chaincast.v1.Target;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An immutable, indexed view of a validated seed.
 *
 * <p>Lists keep seed order (the order of the files in {@code seeds/index.txt}, then the order
 * within each file). Look-ups by id return {@link Optional#empty()} for unknown ids. The model does
 * no arithmetic: it only says what is there and which cells a scope selects.
 *
 * <p>Scope rule: a {@link Scope} selects every cell whose chain is in {@code chain_ids} and, when
 * {@code region_ids} is not empty, whose region is in {@code region_ids}. An empty {@code
 * chain_ids} selects no cell (such scopes describe figures that have no cells, e.g. an ETDZ-wide
 * GDP target).
 */
public final class Model {

  private final Seed seed;
  private final List<Plan> plans;
  private final List<Region> regions;
  private final List<Chain> chains;
  private final List<Target> targets;
  private final List<Actual> actuals;
  private final List<Cell> cells;
  private final List<JointSet> jointSets;
  private final List<CountCell> countCells;
  private final Map<String, CountCell> countCellById;
  private final List<Observation> observations;
  private final Map<String, Plan> planById;
  private final Map<String, Region> regionById;
  private final Map<String, Chain> chainById;
  private final Map<String, Target> targetById;
  private final Map<String, Actual> actualById;
  private final Map<String, Cell> cellById;
  private final Map<String, JointSet> jointSetById;
  private final Map<String, List<Cell>> cellsByChain;
  private final Map<String, List<Cell>> cellsByRegion;
  private final List<Cell> cityCells;

  private Model(Seed seed) {
    this.seed = seed;
    this.plans = List.copyOf(seed.getPlansList());
    this.regions = List.copyOf(seed.getRegionsList());
    this.chains = List.copyOf(seed.getChainsList());
    this.targets = List.copyOf(seed.getTargetsList());
    this.actuals = List.copyOf(seed.getActualsList());
    this.cells = List.copyOf(seed.getCellsList());
    this.jointSets = List.copyOf(seed.getJointSetsList());
    this.countCells = List.copyOf(seed.getCountCellsList());
    this.countCellById = index(countCells, CountCell::getId);
    this.observations = List.copyOf(seed.getObservationsList());
    this.planById = index(plans, Plan::getId);
    this.regionById = index(regions, Region::getId);
    this.chainById = index(chains, Chain::getId);
    this.targetById = index(targets, Target::getId);
    this.actualById = index(actuals, Actual::getId);
    this.cellById = index(cells, Cell::getId);
    this.jointSetById = index(jointSets, JointSet::getId);
    this.cellsByChain = group(cells, Cell::getChainId);
    this.cellsByRegion = group(cells, Cell::getRegionId);
    List<Cell> city = new ArrayList<>();
    for (Cell c : cells) {
      Chain chain = chainById.get(c.getChainId());
      if (chain != null && chain.getFamily() == ChainFamily.CHAIN_FAMILY_CITY) {
        city.add(c);
      }
    }
    this.cityCells = List.copyOf(city);
  }

  /**
   * Validates {@code seed} and wraps it.
   *
   * @throws SeedException naming the offending object and field when the seed is not valid (see
   *     {@code seeds/README.md} for the rules)
   */
  public static Model of(Seed seed) {
    ModelValidator.validate(seed);
    return new Model(seed);
  }

  /** The plans, in seed order. */
  public List<Plan> plans() {
    return plans;
  }

  /** The regions, in seed order. */
  public List<Region> regions() {
    return regions;
  }

  /** The chains, in seed order. */
  public List<Chain> chains() {
    return chains;
  }

  /** Every target, simulated or not, in seed order. */
  public List<Target> targets() {
    return targets;
  }

  /** The actuals, in seed order. */
  public List<Actual> actuals() {
    return actuals;
  }

  /** The cells, in seed order. */
  public List<Cell> cells() {
    return cells;
  }

  /** The count cells (counting processes), in seed order. */
  public List<CountCell> countCells() {
    return countCells;
  }

  public Optional<CountCell> countCell(String id) {
    return Optional.ofNullable(countCellById.get(id));
  }

  /**
   * The count cells a COUNT target sums: same metric, chain in the scope's {@code chain_ids} and,
   * if {@code region_ids} is not empty, region in it. In model order.
   */
  public List<CountCell> countCellsFor(Target t) {
    Set<String> chainIds = new HashSet<>(t.getScope().getChainIdsList());
    Set<String> regionIds = new HashSet<>(t.getScope().getRegionIdsList());
    List<CountCell> out = new ArrayList<>();
    for (CountCell c : countCells) {
      if (c.getMetric().equals(t.getMetric())
          && chainIds.contains(c.getChainId())
          && (regionIds.isEmpty() || regionIds.contains(c.getRegionId()))) {
        out.add(c);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** The documents' own actuals as observations of cells, groups and count cells, in seed order. */
  public List<Observation> observations() {
    return observations;
  }

  /** The joint sets, in seed order. */
  public List<JointSet> jointSets() {
    return jointSets;
  }

  /** The shock settings shared by every cell. */
  public ShockSettings shocks() {
    return seed.getShocks();
  }

  public Optional<Plan> plan(String id) {
    return Optional.ofNullable(planById.get(id));
  }

  public Optional<Region> region(String id) {
    return Optional.ofNullable(regionById.get(id));
  }

  public Optional<Chain> chain(String id) {
    return Optional.ofNullable(chainById.get(id));
  }

  public Optional<Target> target(String id) {
    return Optional.ofNullable(targetById.get(id));
  }

  public Optional<Actual> actual(String id) {
    return Optional.ofNullable(actualById.get(id));
  }

  public Optional<Cell> cell(String id) {
    return Optional.ofNullable(cellById.get(id));
  }

  public Optional<JointSet> jointSet(String id) {
    return Optional.ofNullable(jointSetById.get(id));
  }

  /**
   * The cells {@code scope} selects, in model order: chain in {@code chain_ids} and, if {@code
   * region_ids} is not empty, region in {@code region_ids}. Empty when {@code chain_ids} is empty.
   */
  public List<Cell> cellsIn(Scope scope) {
    if (scope.getChainIdsCount() == 0) {
      return List.of();
    }
    Set<String> chainIds = new HashSet<>(scope.getChainIdsList());
    Set<String> regionIds = new HashSet<>(scope.getRegionIdsList());
    List<Cell> out = new ArrayList<>();
    for (Cell c : cells) {
      if (chainIds.contains(c.getChainId())
          && (regionIds.isEmpty() || regionIds.contains(c.getRegionId()))) {
        out.add(c);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** True when {@code scope} names {@code chainId} among its chains. */
  public boolean scopeCoversChain(Scope scope, String chainId) {
    return scope.getChainIdsList().contains(chainId);
  }

  /**
   * True when {@code scope} reaches into {@code regionId}: the region is listed, or the scope lists
   * no region (every region of its chains) and one of its cells lies there.
   */
  public boolean scopeCoversRegion(Scope scope, String regionId) {
    if (scope.getRegionIdsList().contains(regionId)) {
      return true;
    }
    for (Cell c : cellsIn(scope)) {
      if (c.getRegionId().equals(regionId)) {
        return true;
      }
    }
    return false;
  }

  /** The cells of one chain, in model order (empty for an unknown chain). */
  public List<Cell> cellsOfChain(String chainId) {
    return cellsByChain.getOrDefault(chainId, List.of());
  }

  /** The cells in one region, in model order (empty for an unknown region). */
  public List<Cell> cellsOfRegion(String regionId) {
    return cellsByRegion.getOrDefault(regionId, List.of());
  }

  /** The cells of CITY-family chains, in model order: their sum is the city total. */
  public List<Cell> cityCells() {
    return cityCells;
  }

  /** True when the engine can simulate {@code t}: its {@code not_simulated_reason} is empty. */
  public boolean isSimulated(Target t) {
    return t.getNotSimulatedReason().isEmpty();
  }

  /** The targets the engine can simulate, in seed order. */
  public List<Target> simulatedTargets() {
    List<Target> out = new ArrayList<>();
    for (Target t : targets) {
      if (isSimulated(t)) {
        out.add(t);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** The seed this model was built from (the merge of every seed file). */
  public Seed toSeed() {
    return seed;
  }

  private static <T> Map<String, T> index(List<T> items, Function<T, String> id) {
    Map<String, T> m = new LinkedHashMap<>();
    for (T t : items) {
      m.put(id.apply(t), t);
    }
    return Collections.unmodifiableMap(m);
  }

  private static Map<String, List<Cell>> group(List<Cell> items, Function<Cell, String> key) {
    Map<String, List<Cell>> m = new LinkedHashMap<>();
    for (Cell c : items) {
      m.computeIfAbsent(key.apply(c), k -> new ArrayList<>()).add(c);
    }
    Map<String, List<Cell>> frozen = new LinkedHashMap<>();
    m.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(frozen);
  }
}
