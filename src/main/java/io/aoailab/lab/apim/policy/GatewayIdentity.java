package io.aoailab.lab.apim.policy;

/**
 * What {@code context} says about the gateway and the call, beyond request and response.
 *
 * @param serviceName the APIM service name ({@code context.Deployment.ServiceName})
 * @param region the gateway's own region ({@code context.Deployment.Region}), not a backend's
 * @param apiId the API's id ({@code context.Api.Id})
 * @param apiPath the API's path ({@code context.Api.Path}), e.g. {@code openai}
 * @param operationId the matched operation ({@code context.Operation.Id})
 * @param subscriptionId {@code context.Subscription.Id}
 * @param subscriptionName {@code context.Subscription.Name}
 * @param productId the subscription's product ({@code context.Product.Id}), or null
 */
public record GatewayIdentity(String serviceName, String region, String apiId, String apiPath, String operationId,
        String subscriptionId, String subscriptionName, String productId) {
}
