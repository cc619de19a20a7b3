using Aulario.Web.Features.Accounts;
using Aulario.Web.Features.Admins;
using Aulario.Web.Features.Api;
using Aulario.Web.Features.Audit;
using Aulario.Web.Features.Classrooms;
using Aulario.Web.Features.Demo;
using Aulario.Web.Features.Health;
using Aulario.Web.Features.Import;
using Aulario.Web.Features.Reconcile;
using Aulario.Web.Features.Scim;
using Aulario.Web.Features.SelfService;
using Aulario.Web.Features.Security;
using Aulario.Web.Features.Setup;
using Aulario.Web.Features.Sso;
using Aulario.Web.Features.Webhooks;
using Aulario.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddAularioLogging();
builder.AddAularioOptions();
builder.AddAularioDatabase();          // SQLite/PostgreSQL, Identity stores, Data Protection, migrations at start
builder.AddAularioDemoMode();          // embedded Zoom sandbox when Zoom:ClientId is not configured
builder.AddAularioZoom();
builder.AddAularioCore();              // use cases, SIU adapter, job worker, mail outbox
builder.AddAularioClassrooms();        // demo SIU + portal ISSP + linked classrooms in demo mode
builder.AddAularioWebhooks();          // Zoom webhooks: verify, store, process
builder.AddAularioReconcile();         // Zoom ↔ Aulario ↔ SIU drift, scheduled run
builder.AddFirstAdminSetup();
builder.AddAularioAuth();              // Identity sign-in, cookie, roles, authorization policies
builder.AddAularioScim();              // SCIM 2.0 token scheme and policy for /scim/v2
builder.AddAularioSelfService();       // Iniciar sesión como, /mi-cuenta
builder.AddAularioAccountSecurity();   // two-step verification cookies, password rule messages, security settings
builder.AddAularioSso();               // OpenID Connect sign-in with provisioning, when Sso:Authority is set
builder.AddAularioAdmins();            // admin management, hosts' self-service access, set-password links
builder.AddAularioLocalization();
builder.AddAularioErrors();            // ProblemDetails, IExceptionHandler
builder.AddAularioHealthChecks();
builder.AddAularioApi();               // OpenAPI document + Scalar reference
builder.AddAularioTelemetry();
builder.AddAularioPages();

var app = builder.Build();

app.UseAularioProxyAndHttps();
app.UseAularioSecurityHeaders();
app.UseAularioErrors();
app.UseStaticFiles();
app.UseAularioLocalization();
app.UseRouting();
app.UseAuthentication();
app.UseTwoFactorEnrolment();           // admins enrol first when /ajustes requires two-step verification
app.UseAuthorization();
app.UseAntiforgery();

app.MapAularioHealthChecks();
app.MapAularioApi();
app.MapAuditExport();
app.MapAularioTelemetry();
app.MapZoomWebhooks();
app.MapAccountImport();
app.MapReconcile();
app.MapAccountsApi();
app.MapScim();
app.MapDelegatesApi();
app.MapAularioClassrooms();
app.MapRecordingStreams();
app.MapRazorPages();

app.Run();
