package dev.omega.server;

import dev.omega.api.Dtos;
import java.util.List;

/** Whether a spec asks for what this server offers: agents and tasks check the same way. */
final class CatalogCheck {
  private CatalogCheck() {}

  /**
   * @throws ApiProblem 400 naming the field and listing the valid choices
   */
  static void check(ServerSettings settings, String computeSize, List<String> storage) {
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
  }
}
