using Aulario.ZoomSandbox;

// Runs the Zoom sandbox alone: `dotnet run --project src/Aulario.ZoomSandbox -- --ZoomSandbox:ClientSecret=… [--urls …]`.
var builder = WebApplication.CreateBuilder(args);
var options = builder.Configuration.GetSection("ZoomSandbox").Get<ZoomSandboxOptions>() ?? new ZoomSandboxOptions();
if (string.IsNullOrWhiteSpace(options.ClientSecret))
{
    options.ClientSecret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
    Console.WriteLine($"ZoomSandbox:ClientSecret not set; generated one for this run: {options.ClientSecret}");
}
if (options.ManagedDomains.Count == 0) options.ManagedDomains.Add("aulas.demo.edu.ar");
ZoomSandboxServer.ConfigureServices(builder.Services, options, TimeProvider.System);
var app = builder.Build();
app.MapZoomSandbox();
await app.StartAsync();
var address = app.Urls.First();
app.Services.GetRequiredService<SandboxContext>().BaseUrl = new Uri(address.TrimEnd('/') + "/");
if (options.SeedDemoData) DemoSeed.Apply(app.Services);
Console.WriteLine($"Zoom sandbox on {address} — API {address.TrimEnd('/')}/v2, token {address.TrimEnd('/')}/oauth/token, mailbox {address.TrimEnd('/')}/_sandbox/mailbox");
Console.WriteLine($"Account id: {options.AccountId}, client id: {options.ClientId}");
await app.WaitForShutdownAsync();
