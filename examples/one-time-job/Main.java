import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A one-time job: reads its input, says what it does, writes a result file that sync brings home. */
public class Main {
  public static void main(String[] args) throws Exception {
    List<String> numbers = Files.readAllLines(Path.of("numbers.txt"));
    long sum = 0;
    for (String line : numbers) {
      if (!line.isBlank()) {
        sum += Long.parseLong(line.strip());
        System.out.println("added " + line.strip() + ", sum so far " + sum);
      }
    }
    String greeting = System.getenv().getOrDefault("GREETING", "hello");
    Files.writeString(Path.of("result.txt"), greeting + ": the sum is " + sum + "\n");
    System.out.println("wrote result.txt");
  }
}
