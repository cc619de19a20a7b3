// A real OpenID Connect provider for Aulario's SSO tests and local trials (npm oidc-provider@9 with devInteractions).
//
//   node tools/oidc/provider.mjs --port 4010 --client-id aulario --client-secret S3cret \
//        --redirect-uri http://127.0.0.1:5000/signin-oidc [--accounts accounts.json]
//
// Every option can also come from the environment: OIDC_PORT, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI,
// OIDC_ACCOUNTS. It listens on 127.0.0.1 only and prints one line "listening http://127.0.0.1:PORT" when ready.
//
// The dev login form accepts any login and password: the login decides the account. When --accounts names a JSON file
// ({"ana@inst.edu.ar": {"given_name": "Ana", "groups": ["aulario-admins"]}, ...}) it is read again on every sign-in, so a
// test can change a person's name between two sign-ins. sub is always the login (oidc-provider's account id); claims a
// file entry leaves out are derived from it: email = login when it has an "@" (none otherwise), email_verified = true,
// given_name/family_name from the part before "@". Log in as "agarcia" with {"agarcia": {"email": "ana.garcia@…"}} to
// get a subject that differs from the email, as university directories do.
import http from 'node:http';
import fs from 'node:fs';
import crypto from 'node:crypto';
import Provider from 'oidc-provider';

function arg(name, env) {
  const i = process.argv.indexOf(`--${name}`);
  if (i > 0 && i + 1 < process.argv.length) return process.argv[i + 1];
  return process.env[env];
}

const port = Number(arg('port', 'OIDC_PORT') ?? 4010);
const clientId = arg('client-id', 'OIDC_CLIENT_ID') ?? 'aulario';
const clientSecret = arg('client-secret', 'OIDC_CLIENT_SECRET');
const redirectUri = arg('redirect-uri', 'OIDC_REDIRECT_URI');
const accountsFile = arg('accounts', 'OIDC_ACCOUNTS');
if (!clientSecret || !redirectUri) {
  console.error('usage: provider.mjs --port N --client-id ID --client-secret SECRET --redirect-uri URI [--accounts FILE]');
  process.exit(2);
}

function readAccounts() {
  if (!accountsFile || !fs.existsSync(accountsFile)) return {};
  return JSON.parse(fs.readFileSync(accountsFile, 'utf8'));
}

function claimsFor(login) {
  const local = login.split('@')[0] ?? login;
  const [first, ...rest] = local.split(/[._-]/);
  const cap = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);
  const entry = readAccounts()[login] ?? {};
  const claims = {
    email: login.includes('@') ? login : undefined,
    email_verified: true,
    given_name: cap(first),
    family_name: rest.length > 0 ? rest.map(cap).join(' ') : 'Prueba',
    groups: [],
    ...entry,
  };
  if (claims.name === undefined && claims.given_name && claims.family_name) claims.name = `${claims.given_name} ${claims.family_name}`;
  for (const key of Object.keys(claims)) if (claims[key] === null || claims[key] === undefined) delete claims[key];
  return claims;
}

const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    post_logout_redirect_uris: [new URL('/', redirectUri).toString()],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  scopes: ['openid', 'email', 'profile', 'groups'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name'],
    groups: ['groups'],
  },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  // The dev login form hands over the login typed, which oidc-provider makes the subject (sub).
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { ...claimsFor(id), sub: id };
      },
    };
  },
});

const server = http.createServer(provider.callback());
server.listen(port, '127.0.0.1', () => console.log(`listening ${issuer}`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
