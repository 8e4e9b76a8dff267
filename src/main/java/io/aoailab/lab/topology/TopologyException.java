package io.aoailab.lab.topology;

/** The topology file cannot be used: names the file, the path inside it, the problem and the fix. */
public final class TopologyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TopologyException(String file, String path, String problem, String fix) {
        super(file + ": " + path + ": " + problem + ". Fix: " + fix + ".");
    }
}
