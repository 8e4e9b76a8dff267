package io.aoailab.lab.apim.policy;

import io.aoailab.lab.apim.policy.PolicyXml.Element;

/**
 * {@code <base/>}: the policies of the enclosing scope. The lab has one scope, the API's, so {@code <base/>} stands for
 * APIM's global default policy: in {@code backend} that is {@code <forward-request/>} with its defaults ("By default,
 * API Management sets up this policy at the global scope", docs/apim-gateway.md §2.3); in inbound, outbound and on-error the
 * global default is empty, so {@code <base/>} does nothing there.
 */
final class Base {

    private Base() {
    }

    static Step load(Element element, Loader loader, Step.Origin origin) throws PolicyException {
        new Attrs(element, loader).noChildren();
        if (origin.section() == Section.BACKEND) {
            return new ForwardRequest(origin, ForwardRequest.DEFAULTS);
        }
        return new Step(origin) {
            @Override
            void run(Execution ex) {
                // the global default of this section is empty
            }
        };
    }
}
