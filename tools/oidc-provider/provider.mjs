// A real OpenID Connect provider (npm oidc-provider) for the single sign-on tests: one confidential client whose
// redirect URI is given, and the package's development login page, which accepts any login name.
//
//   node provider.mjs --port 4100 --redirect-uri http://localhost:5080/console/signin-oidc
//   (or OIDC_PORT, OIDC_REDIRECT_URI, OIDC_CLIENT_ID (agenda), OIDC_CLIENT_SECRET (secret); port 0 picks a free one)
//
// Prints "oidc-provider ready at http://127.0.0.1:PORT" once it answers. The login name is the person:
//   ana@example.com             sub ana@example.com, email ana@example.com, email_verified true
//   ana                         sub ana, email ana@example.com, email_verified true
//   unverified-ana@example.com  sub unverified-ana@example.com, email ana@example.com, email_verified false
// This is a test tool: development signing keys, accounts made up from the login name, plain http.
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import Provider from 'oidc-provider';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.OIDC_PORT ?? '0' },
    'redirect-uri': { type: 'string', default: process.env.OIDC_REDIRECT_URI },
    'client-id': { type: 'string', default: process.env.OIDC_CLIENT_ID ?? 'agenda' },
    'client-secret': { type: 'string', default: process.env.OIDC_CLIENT_SECRET ?? 'secret' },
  },
});

if (!values['redirect-uri']) {
  console.error('provider.mjs needs --redirect-uri (or OIDC_REDIRECT_URI): the client\'s callback address.');
  process.exit(2);
}

const unverifiedPrefix = 'unverified-';

/** The claims of a login name, as described above. */
function claimsOf(login) {
  const unverified = login.startsWith(unverifiedPrefix);
  const name = unverified ? login.slice(unverifiedPrefix.length) : login;
  return {
    sub: login,
    email: name.includes('@') ? name : `${name}@example.com`,
    email_verified: !unverified,
  };
}

// Listen first, so that port 0 works: the issuer must name the port the provider is reached at.
const server = createServer();
server.listen(Number(values.port), '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: values['client-id'],
      client_secret: values['client-secret'],
      redirect_uris: [values['redirect-uri']],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      // ASP.NET Core's OpenID Connect handler sends the secret in the token request's body.
      token_endpoint_auth_method: 'client_secret_post',
    }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    findAccount: async (ctx, id) => ({ accountId: id, claims: async () => claimsOf(id) }),
    pkce: { required: () => true },
    cookies: { keys: ['agenda-tests-only-not-a-secret'] },
  });
  server.on('request', provider.callback());
  console.log(`oidc-provider ready at ${issuer}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
