package dev.omega.server;

/**
 * An answer of the API that is an error: becomes RFC 9457 problem details with a stable {@code
 * type} and a message that says what to do.
 */
final class ApiProblem extends RuntimeException {
  final int status;
  final String type;

  ApiProblem(int status, String type, String detail) {
    super(detail);
    this.status = status;
    this.type = type;
  }

  static ApiProblem badRequest(String detail) {
    return new ApiProblem(400, "invalid-input", detail);
  }

  static ApiProblem notFound(String what) {
    return new ApiProblem(404, "not-found", what + " does not exist");
  }

  static ApiProblem conflict(String type, String detail) {
    return new ApiProblem(409, type, detail);
  }
}
