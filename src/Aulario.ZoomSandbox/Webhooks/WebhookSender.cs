using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Aulario.ZoomSandbox;

/// <summary>Sends Zoom-style signed webhooks (x-zm-signature: v0=HMAC-SHA256(secret, "v0:{ts}:{body}")), fire and forget.</summary>
public sealed class WebhookSender(ZoomSandboxOptions options, IHttpClientFactory http, TimeProvider time, ILogger<WebhookSender> log)
{
    // Raw UTF-8 like Zoom: a receiver that hashes the body as ASCII fails on "Ñandú" (ZoomNet #349), as it would against Zoom.
    private static readonly System.Text.Json.JsonSerializerOptions RawUtf8 = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    public void Send(string eventName, JsonObject obj, JsonObject? oldObject = null, JsonObject? extra = null)
    {
        if (string.IsNullOrWhiteSpace(options.WebhookUrl) || string.IsNullOrEmpty(options.WebhookSecretToken)) return;
        var now = time.GetUtcNow();
        var payload = new JsonObject { ["account_id"] = options.AccountId, ["operator"] = "admin@sandbox", ["operator_id"] = "sandbox-operator", ["object"] = obj };
        if (oldObject is not null) payload["old_object"] = oldObject;
        if (extra is not null) foreach (var (k, v) in extra) payload[k] = v?.DeepClone();
        var body = new JsonObject { ["event"] = eventName, ["event_ts"] = now.ToUnixTimeMilliseconds(), ["payload"] = payload }.ToJsonString(RawUtf8);
        var ts = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.WebhookSecretToken), Encoding.UTF8.GetBytes($"v0:{ts}:{body}"))).ToLowerInvariant();
        _ = Task.Run(async () =>
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, options.WebhookUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Add("x-zm-signature", signature);
                request.Headers.Add("x-zm-request-timestamp", ts);
                using var response = await http.CreateClient("webhooks").SendAsync(request);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                log.LogInformation("Webhook {Event} not delivered: {Message}", eventName, ex.Message);
            }
        });
    }
}
