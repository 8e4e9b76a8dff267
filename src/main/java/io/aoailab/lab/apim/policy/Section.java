package io.aoailab.lab.apim.policy;

/** The four sections of a policy document, in APIM's spelling (docs/apim-gateway.md §2). */
enum Section {
    INBOUND("inbound"), BACKEND("backend"), OUTBOUND("outbound"), ON_ERROR("on-error");

    final String xmlName;

    Section(String xmlName) {
        this.xmlName = xmlName;
    }

    static Section of(String xmlName) {
        for (Section s : values()) {
            if (s.xmlName.equals(xmlName)) {
                return s;
            }
        }
        return null;
    }

    /** Whether set-header, set-status and set-body act on the request here (else on the response). */
    boolean changesRequest() {
        return this == INBOUND || this == BACKEND;
    }
}
