package dev.omega.testkit;

import dev.omega.core.port.Prompter;
import dev.omega.core.port.Question;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Answers each question as scripted and records what was asked; a question with no scripted answer
 * fails the test, so no question goes unnoticed.
 */
public final class ScriptedPrompter implements Prompter {
  private final Map<Question, Boolean> answers = new EnumMap<>(Question.class);
  private final List<Question> asked = new ArrayList<>();

  public synchronized ScriptedPrompter answer(Question question, boolean yes) {
    answers.put(question, yes);
    return this;
  }

  /** Answers every question the same, like {@code --yes} or {@code --no}. */
  public synchronized ScriptedPrompter answerAll(boolean yes) {
    for (Question question : Question.values()) {
      answers.put(question, yes);
    }
    return this;
  }

  @Override
  public synchronized boolean confirm(Question question) {
    asked.add(question);
    Boolean answer = answers.get(question);
    if (answer == null) {
      throw new AssertionError("unexpected question: " + question);
    }
    return answer;
  }

  public synchronized List<Question> asked() {
    return List.copyOf(asked);
  }
}
