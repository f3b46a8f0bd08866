package dev.omega.server;

import dev.omega.api.Dtos;
import dev.omega.runtime.AgentRuntime;
import dev.omega.runtime.Resources;
import java.util.List;

/** Whether a spec asks for what this server offers: agents and tasks check the same way. */
final class CatalogCheck {
  private CatalogCheck() {}

  /**
   * The resources the spec asks for, once both the catalog and the runtime can satisfy them.
   *
   * @throws ApiProblem 400 naming the field and listing the valid choices, or saying what the
   *     runtime offers when it could never run this size
   */
  static Resources check(
      ServerSettings settings,
      AgentRuntime runtime,
      String computeSize,
      int diskSizeGb,
      List<String> storage) {
    List<String> codes = settings.catalog().stream().map(Dtos.ComputeSize::code).toList();
    if (!codes.contains(computeSize)) {
      throw ApiProblem.badRequest(
          "compute_size: '" + computeSize + "' is not offered here; choose one of " + codes);
    }
    for (String name : storage) {
      if (!settings.storages().contains(name)) {
        throw ApiProblem.badRequest(
            "storage: '"
                + name
                + "' is not a storage of this server; choose from "
                + settings.storages());
      }
    }
    Resources resources = resources(settings, computeSize, diskSizeGb);
    runtime
        .refusal(resources)
        .ifPresent(
            why -> {
              throw ApiProblem.badRequest(
                  "compute_size: '"
                      + computeSize
                      + "' with disk_size "
                      + diskSizeGb
                      + " GB cannot run here: "
                      + why);
            });
    return resources;
  }

  /** What a compute size of the catalog and a disk size ask for. */
  static Resources resources(ServerSettings settings, String computeSize, int diskSizeGb) {
    Dtos.ComputeSize size =
        settings.catalog().stream()
            .filter(s -> s.code().equals(computeSize))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "compute_size '" + computeSize + "' is no longer in the catalog"));
    return new Resources(size.cpus(), size.memoryMb(), diskSizeGb);
  }
}
