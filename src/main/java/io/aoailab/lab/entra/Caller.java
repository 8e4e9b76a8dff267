package io.aoailab.lab.entra;

/**
 * Who a valid token says is calling.
 *
 * @param objectId the principal's object id ({@code oid}); role assignments and PermissionDenied messages use it
 * @param appId the application (client) id ({@code appid})
 * @param tenantId the tenant ({@code tid})
 * @param name the principal's name in the topology, for lab diagnostics only
 */
public record Caller(String objectId, String appId, String tenantId, String name) {
}
