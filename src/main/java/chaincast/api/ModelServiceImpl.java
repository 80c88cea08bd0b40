package chaincast.api;

import chaincast.model.Model;
import chaincast.v1.AuditFinding;
import chaincast.v1.Cell;
import chaincast.v1.CountCell;
import chaincast.v1.GetAuditRequest;
import chaincast.v1.GetAuditResponse;
import chaincast.v1.ListActualsRequest;
import chaincast.v1.ListActualsResponse;
import chaincast.v1.ListCellsRequest;
import chaincast.v1.ListCellsResponse;
import chaincast.v1.ListChainsRequest;
import chaincast.v1.ListChainsResponse;
import chaincast.v1.ListPlansRequest;
import chaincast.v1.ListPlansResponse;
import chaincast.v1.ListRegionsRequest;
import chaincast.v1.ListRegionsResponse;
import chaincast.v1.ListTargetsRequest;
import chaincast.v1.ListTargetsResponse;
import chaincast.v1.ModelServiceGrpc;
import chaincast.v1.Observation;
import chaincast.v1.Target;
import chaincast.v1.TargetKind;
import io.grpc.stub.StreamObserver;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** {@code chaincast.v1.ModelService}: the seeded model, read-only. */
public final class ModelServiceImpl extends ModelServiceGrpc.ModelServiceImplBase {
  private final Model model;
  private final List<AuditFinding> audit;

  /**
   * A service over one loaded model.
   *
   * @param model the seeded model it serves
   * @param audit the consistency audit of {@code model}, computed once at start-up
   */
  public ModelServiceImpl(Model model, List<AuditFinding> audit) {
    this.model = model;
    this.audit = List.copyOf(audit);
  }

  @Override
  public void listRegions(
      ListRegionsRequest request, StreamObserver<ListRegionsResponse> observer) {
    answer(observer, () -> ListRegionsResponse.newBuilder().addAllRegions(model.regions()).build());
  }

  @Override
  public void listChains(ListChainsRequest request, StreamObserver<ListChainsResponse> observer) {
    answer(observer, () -> ListChainsResponse.newBuilder().addAllChains(model.chains()).build());
  }

  @Override
  public void listPlans(ListPlansRequest request, StreamObserver<ListPlansResponse> observer) {
    answer(observer, () -> ListPlansResponse.newBuilder().addAllPlans(model.plans()).build());
  }

  @Override
  public void listTargets(
      ListTargetsRequest request, StreamObserver<ListTargetsResponse> observer) {
    answer(
        observer,
        () -> {
          Violations v = new Violations();
          checkPlan(request.getPlanId(), "plan_id", v);
          checkChain(request.getChainId(), "chain_id", v);
          checkRegion(request.getRegionId(), "region_id", v);
          if (request.getYear() != 0 && (request.getYear() < 2000 || request.getYear() > 2100)) {
            v.invalid("year", "must be 0 (any) or a calendar year, got " + request.getYear());
          }
          if (request.getKind() == TargetKind.UNRECOGNIZED) {
            v.invalid("kind", "unknown value " + request.getKindValue());
          }
          v.throwIfAny();
          ListTargetsResponse.Builder out = ListTargetsResponse.newBuilder();
          for (Target t : model.targets()) {
            if (matches(t, request)) {
              out.addTargets(t);
            }
          }
          return out.build();
        });
  }

  @Override
  public void listActuals(
      ListActualsRequest request, StreamObserver<ListActualsResponse> observer) {
    answer(
        observer,
        () -> {
          Violations v = new Violations();
          checkPlan(request.getPlanId(), "plan_id", v);
          v.throwIfAny();
          return ListActualsResponse.newBuilder()
              .addAllActuals(
                  model.actuals().stream()
                      .filter(
                          a ->
                              request.getPlanId().isEmpty()
                                  || a.getPlanId().equals(request.getPlanId()))
                      .toList())
              .build();
        });
  }

  @Override
  public void listCells(ListCellsRequest request, StreamObserver<ListCellsResponse> observer) {
    answer(
        observer,
        () -> {
          Violations v = new Violations();
          checkChain(request.getChainId(), "chain_id", v);
          checkRegion(request.getRegionId(), "region_id", v);
          v.throwIfAny();
          ListCellsResponse.Builder out = ListCellsResponse.newBuilder().setShocks(model.shocks());
          for (Cell c : model.cells()) {
            boolean chainOk =
                request.getChainId().isEmpty() || c.getChainId().equals(request.getChainId());
            boolean regionOk =
                request.getRegionId().isEmpty() || c.getRegionId().equals(request.getRegionId());
            if (chainOk && regionOk) {
              out.addCells(c);
            }
          }
          Set<String> listed = new HashSet<>();
          out.getCellsList().forEach(c -> listed.add(c.getId()));
          for (CountCell c : model.countCells()) {
            boolean chainOk =
                request.getChainId().isEmpty() || c.getChainId().equals(request.getChainId());
            boolean regionOk =
                request.getRegionId().isEmpty() || c.getRegionId().equals(request.getRegionId());
            if (chainOk && regionOk) {
              out.addCountCells(c);
              listed.add(c.getId());
            }
          }
          for (Observation o : model.observations()) {
            boolean touches =
                switch (o.getSubjectCase()) {
                  case CELL_ID -> listed.contains(o.getCellId());
                  case COUNT_CELL_ID -> listed.contains(o.getCountCellId());
                  case GROUP ->
                      model.cellsIn(o.getGroup()).stream()
                          .anyMatch(c -> listed.contains(c.getId()));
                  case SUBJECT_NOT_SET -> false;
                };
            if (touches) {
              out.addObservations(o);
            }
          }
          return out.build();
        });
  }

  @Override
  public void getAudit(GetAuditRequest request, StreamObserver<GetAuditResponse> observer) {
    answer(
        observer,
        () ->
            GetAuditResponse.newBuilder()
                .addAllFindings(
                    audit.stream()
                        .filter(f -> !request.getMismatchesOnly() || !f.getConsistent())
                        .toList())
                .build());
  }

  private boolean matches(Target t, ListTargetsRequest r) {
    if (!r.getPlanId().isEmpty() && !t.getPlanId().equals(r.getPlanId())) {
      return false;
    }
    if (r.getYear() != 0 && t.getYear() != r.getYear()) {
      return false;
    }
    if (r.getKind() != TargetKind.TARGET_KIND_UNSPECIFIED && t.getKind() != r.getKind()) {
      return false;
    }
    if (r.getSimulatedOnly() && !model.isSimulated(t)) {
      return false;
    }
    if (!r.getChainId().isEmpty() && !model.scopeCoversChain(t.getScope(), r.getChainId())) {
      return false;
    }
    if (!r.getRegionId().isEmpty() && !model.scopeCoversRegion(t.getScope(), r.getRegionId())) {
      return false;
    }
    return true;
  }

  private void checkPlan(String id, String field, Violations v) {
    if (!id.isEmpty() && model.plan(id).isEmpty()) {
      v.notFound("plan", id, field, model);
    }
  }

  private void checkChain(String id, String field, Violations v) {
    if (!id.isEmpty() && model.chain(id).isEmpty()) {
      v.notFound("chain", id, field, model);
    }
  }

  private void checkRegion(String id, String field, Violations v) {
    if (!id.isEmpty() && model.region(id).isEmpty()) {
      v.notFound("region", id, field, model);
    }
  }

  private static <T> void answer(StreamObserver<T> observer, Supplier<T> body) {
    try {
      observer.onNext(body.get());
      observer.onCompleted();
    } catch (ApiException e) {
      observer.onError(e.toStatusRuntimeException());
    } catch (RuntimeException e) {
      observer.onError(InternalErrors.report("model browsing", e));
    }
  }
}
