package dev.backprop.web.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The files a command reads: a path, or {@code -} for standard input; a file that cannot be read is refused by name. */
final class Inputs {
    private Inputs() {
    }

    /** The bytes of {@code file}, or of {@code in} for {@code -}. */
    static byte[] read(String file, InputStream in) {
        try {
            if (file.equals("-")) {
                return in.readAllBytes();
            }
            Path path = Path.of(file);
            if (Files.isDirectory(path)) {
                throw Refusal.of(name(file), "is a directory, not a file");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw Refusal.of(name(file), "no such file");
        } catch (AccessDeniedException e) {
            throw Refusal.of(name(file), "cannot be read: permission denied");
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw Refusal.of(name(file), "cannot be read: " + e.getMessage());
        } catch (OutOfMemoryError e) {
            throw Refusal.of(name(file), "is too large to read");
        }
    }

    /** How messages name a file. */
    static String name(String file) {
        return file.equals("-") ? "standard input" : file;
    }
}
