package dev.backprop.web.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version each command's {@code --version} prints, as Maven filled it in at build time. */
final class Version implements IVersionProvider {
    /** One line: the program's name and its version. */
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"backprop-workbook " + p.getProperty("version", "(version unknown)")};
    }
}
