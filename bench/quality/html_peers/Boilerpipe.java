// boilerpipe's ArticleExtractor over the pages of a manifest, for bench/quality --html-peers (see
// ../html_peers.py). Java 11+ runs the source file as it is (Debian: libboilerpipe-java):
//   java -cp boilerpipe.jar:nekohtml.jar:xercesImpl.jar Boilerpipe.java MANIFEST OUT
// Rows as readability.js, but {"id", "text"}: boilerpipe gives text, one kept block per line.
import de.l3s.boilerpipe.extractors.ArticleExtractor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

public class Boilerpipe {
  public static void main(String[] args) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[1]))) {
      for (String line : Files.readAllLines(Path.of(args[0]))) {
        if (line.isEmpty()) continue;
        String[] f = line.split("\t", -1);
        String row;
        try {
          // A String, so that boilerpipe's parser never re-decodes the page by its <meta> charset.
          row = "\"text\":" + json(ArticleExtractor.INSTANCE.getText(Files.readString(Path.of(f[2]))));
        } catch (Exception | StackOverflowError e) {  // one page's failure must not stop the others
          row = "\"error\":" + json(String.valueOf(e));
        }
        out.write("{\"id\":" + json(f[0]) + "," + row + "}\n");
      }
    }
  }

  /** A JSON string literal: quotes, backslashes and control characters escaped. */
  static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }
}
