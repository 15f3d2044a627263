package io.cmrsweep.worker.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentHashesTest {
  @TempDir Path dir;
  private final List<String> hashed = new ArrayList<>();

  private ContentHashes hashes() {
    return new ContentHashes(dir.resolve(ContentHashes.FILE), f -> {
      hashed.add(f.uri());
      return "sha-of-" + f.uri() + "-" + f.size() + "-" + f.change();
    });
  }

  @Test
  void aFileWhoseStatIsUnchangedIsNotReadAgainByAnotherProcess() {
    SourceFile a = new SourceFile("file:/a", 10, 1000, "ino=1 ctime=5", "jsonl", false);
    SourceFile b = new SourceFile("file:/b", 20, 1000, "ino=2 ctime=5", "jsonl", false);
    List<String> first = hashes().of(List.of(a, b));

    List<String> second = hashes().of(List.of(a, b));

    assertThat(second).isEqualTo(first);
    assertThat(hashed).containsExactly("file:/a", "file:/b");
  }

  @Test
  void aNewCtimeSizeOrModificationTimeMeansReadingTheFileAgain() {
    SourceFile a = new SourceFile("file:/a", 10, 1000, "ino=1 ctime=5", "jsonl", false);
    hashes().of(List.of(a));

    hashes().of(List.of(new SourceFile("file:/a", 10, 1000, "ino=1 ctime=6", "jsonl", false)));
    hashes().of(List.of(new SourceFile("file:/a", 11, 1000, "ino=1 ctime=6", "jsonl", false)));
    hashes().of(List.of(new SourceFile("file:/a", 11, 2000, "ino=1 ctime=6", "jsonl", false)));
    hashes().of(List.of(new SourceFile("file:/a", 11, 2000, "ino=1 ctime=6", "jsonl", false)));

    assertThat(hashed).hasSize(4);
  }

  @Test
  void anUnreadableCacheMeansHashingAgainNotFailing() throws IOException {
    SourceFile a = new SourceFile("file:/a", 10, 1000, "", "text", false);
    hashes().of(List.of(a));
    Files.writeString(dir.resolve(ContentHashes.FILE), "{not json");

    assertThat(hashes().of(List.of(a))).containsExactly("sha-of-file:/a-10-");
    assertThat(hashed).hasSize(2);
  }
}
