import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** The scheduled job: regenerates report.txt from data.txt. */
public class Report {
  public static void main(String[] args) throws Exception {
    List<String> values = Files.readAllLines(Path.of("data.txt")).stream()
        .filter(line -> !line.isBlank())
        .toList();
    long total = values.stream().mapToLong(v -> Long.parseLong(v.strip())).sum();
    String report =
        "report generated at " + Instant.now() + "\n"
            + values.size() + " values, total " + total + "\n";
    Files.writeString(Path.of("report.txt"), report);
    System.out.print("regenerated report.txt: " + report);
  }
}
