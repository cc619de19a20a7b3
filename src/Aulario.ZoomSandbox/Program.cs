using Aulario.ZoomSandbox;

// Runs the Zoom sandbox alone: `dotnet run --project src/Aulario.ZoomSandbox -- --ZoomSandbox:ClientSecret=… [--urls http://127.0.0.1:5090]`.
// Options come from the configuration section "ZoomSandbox" (appsettings, environment ZoomSandbox__…, command line).
var builder = WebApplication.CreateBuilder(args);
var options = builder.Configuration.GetSection("ZoomSandbox").Get<ZoomSandboxOptions>() ?? new ZoomSandboxOptions();
if (string.IsNullOrWhiteSpace(options.ClientSecret))
{
    options.ClientSecret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
    Console.WriteLine("ZoomSandbox:ClientSecret not set; generated one for this run (shown once): " + options.ClientSecret);
}
if (options.ManagedDomains.Count == 0) options.ManagedDomains.Add("aulas.demo.edu.ar");
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
    builder.WebHost.UseUrls("http://127.0.0.1:0");
ZoomSandboxServer.ConfigureServices(builder.Services, options, TimeProvider.System);
var app = builder.Build();
app.MapZoomSandbox();
await app.StartAsync();
var address = app.Urls.First().TrimEnd('/');
app.Services.GetRequiredService<SandboxContext>().BaseUrl = new Uri(address + "/");
if (options.SeedDemoData) DemoSeed.Apply(app.Services);
Console.WriteLine($"Zoom sandbox listening on {address}/");
Console.WriteLine($"  API {address}/v2 · token {address}/oauth/token · mailbox {address}/_sandbox/mailbox");
Console.WriteLine($"  account id {options.AccountId} · client id {options.ClientId}");
await app.WaitForShutdownAsync();
