package dev.omega.core.port;

/** The yes/no questions the procedures ask (spec 4.3.2, 4.3.3, 4.3.4). */
public enum Question {
  /** STOP_AGENT, step 4, for types other than Lab. */
  TERMINATE_AGENT("Terminate the agent too? Its files are synced; it can be run again later."),
  /** RUN_TASK, step 3, when no job runs. */
  RUN_TASK_NOW("The schedule is on. Run the job once now as well?"),
  /** STOP_TASK, step 2, when a job runs. */
  STOP_RUNNING_JOB("A job of this task is running. Stop it now?");

  private final String text;

  Question(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }
}
