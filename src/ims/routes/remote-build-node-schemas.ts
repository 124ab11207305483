import * as Type from '../../service/schemas/type.js';

/**
 * A node's xname: Cray's xnames (x3000c1s10b1n0), host names and IPv4 addresses. It becomes the ssh host
 * jobs reach the node by, so nothing that could read as an option or leave the host part of a URL.
 */
const xname = Type.String({
  minLength: 1,
  maxLength: 253,
  pattern: '^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$',
  description: 'the node\'s xname (letters, digits, "." and "-"), which is the host name ssh reaches it by',
});

/** Cray's RemoteBuildNodeRecord: unknown fields are refused. */
export const remoteBuildNodeBody = Type.Object({ xname }, { additionalProperties: false });

export const xnameParams = Type.Object({ remote_build_node_xname: Type.String({ minLength: 1 }) });
