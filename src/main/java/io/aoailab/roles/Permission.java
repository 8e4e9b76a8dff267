package io.aoailab.roles;

import java.util.Locale;

/**
 * A permission an operation needs: a data action (a role's {@code DataActions}, what data planes check) or a
 * control-plane action (its {@code Actions}; Search checks one to list indexes).
 *
 * @param name the operation name, e.g. {@code Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read}
 * @param dataAction whether it is a data action
 */
public record Permission(String name, boolean dataAction) {

    public static Permission data(String name) {
        return new Permission(name, true);
    }

    public static Permission action(String name) {
        return new Permission(name, false);
    }

    /**
     * Whether a role's entry (which may hold {@code *}) names this permission. Azure compares operation names
     * case-insensitively and lets {@code *} stand for any run of characters, '/' included
     * (learn.microsoft.com/azure/role-based-access-control/role-definitions, "Actions").
     */
    boolean matchedBy(String entry) {
        return glob(entry.toLowerCase(Locale.ROOT), 0, name.toLowerCase(Locale.ROOT), 0);
    }

    private static boolean glob(String pattern, int p, String text, int t) {
        if (p == pattern.length()) {
            return t == text.length();
        }
        if (pattern.charAt(p) == '*') {
            for (int from = t; from <= text.length(); from++) {
                if (glob(pattern, p + 1, text, from)) {
                    return true;
                }
            }
            return false;
        }
        return t < text.length() && pattern.charAt(p) == text.charAt(t) && glob(pattern, p + 1, text, t + 1);
    }

    @Override
    public String toString() {
        return name;
    }
}
