import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** A scheduled job: each run appends a timestamped line to history.txt, which sync brings home. */
public class Tick {
  public static void main(String[] args) throws Exception {
    Path history = Path.of("history.txt");
    String line = Instant.now() + " run " + System.getenv().getOrDefault("OMEGA_JOB_ID", "?") + "\n";
    Files.writeString(history, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    long runs = Files.readAllLines(history).size();
    System.out.print("appended: " + line);
    System.out.println("history.txt now holds " + runs + " run(s)");
  }
}
