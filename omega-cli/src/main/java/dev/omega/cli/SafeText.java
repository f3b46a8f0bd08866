package dev.omega.cli;

/**
 * An application's output made safe to print: a process may write anything, and escape sequences
 * would reach the user's terminal as commands (retitle it, clear it, remap keys). Control
 * characters other than tab and carriage return are shown in caret notation ({@code ESC} as {@code
 * ^[}, NUL as {@code ^@}), as {@code cat -v} does; C1 controls as {@code \}{@code u0085}.
 */
final class SafeText {
  private SafeText() {}

  static String of(String text) {
    if (text.chars().noneMatch(SafeText::isUnsafe)) {
      return text;
    }
    StringBuilder safe = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!isUnsafe(c)) {
        safe.append(c);
      } else if (c < 0x20) {
        safe.append('^').append((char) (c + 0x40));
      } else if (c == 0x7f) {
        safe.append("^?");
      } else {
        safe.append(String.format("\\u%04x", (int) c));
      }
    }
    return safe.toString();
  }

  private static boolean isUnsafe(int c) {
    return (c < 0x20 && c != '\t' && c != '\r') || (c >= 0x7f && c <= 0x9f);
  }
}
