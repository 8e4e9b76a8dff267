/**
 * What Azure RBAC grants, as the suite reasons about the <em>intended</em> deployment: the built-in roles (by GUID,
 * with their published actions and data actions), the scopes a persona is meant to hold them at, the operations of
 * the RBAC matrix with the permission each needs, and what each service answers. Plain Java over a published fact
 * table; it calls nothing and knows nothing of the lab.
 */
package io.aoailab.roles;
