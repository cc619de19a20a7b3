using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Aulario.Cli.Api;

/// <summary>HTTP to /api/v1 with the token. Every failure becomes an exit code and a Spanish message
/// (ProblemDetails from the server, or what went wrong on the way).</summary>
public sealed class ApiClient(HttpClient http) : IDisposable
{
    public Uri BaseAddress => http.BaseAddress!;

    public Task<ApiOutcome<JsonElement>> GetJsonAsync(string path, CancellationToken ct) =>
        SendJsonAsync(new HttpRequestMessage(HttpMethod.Get, path), ct);

    public Task<ApiOutcome<JsonElement>> PostJsonAsync(string path, object body, CancellationToken ct) =>
        SendJsonAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) }, ct);

    public Task<ApiOutcome<JsonElement>> PostAsync(string path, HttpContent content, CancellationToken ct) =>
        SendJsonAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = content }, ct);

    /// <summary>A successful response whose body the caller streams (for example a CSV export). The caller disposes it.</summary>
    public async Task<ApiOutcome<HttpResponseMessage>> GetStreamAsync(string path, CancellationToken ct)
    {
        var sent = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), HttpCompletionOption.ResponseHeadersRead, ct);
        if (!sent.IsSuccess) return sent;
        var response = sent.Value!;
        if (response.IsSuccessStatusCode) return response;
        using (response) return await FailureAsync<HttpResponseMessage>(response, ct);
    }

    /// <summary>True when the server's OpenAPI document lists <paramref name="path"/> (so a missing feature is told apart from a bad id).</summary>
    public async Task<ApiOutcome<bool>> HasEndpointAsync(string path, CancellationToken ct)
    {
        var sent = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "openapi/v1.json"), HttpCompletionOption.ResponseContentRead, ct);
        if (!sent.IsSuccess) return sent.Cast<bool>();
        using var response = sent.Value!;
        if (!response.IsSuccessStatusCode) return false;
        try
        {
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            return doc.RootElement.TryGetProperty("paths", out var paths) && paths.TryGetProperty(path, out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public void Dispose() => http.Dispose();

    private async Task<ApiOutcome<JsonElement>> SendJsonAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var sent = await SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        if (!sent.IsSuccess) return sent.Cast<JsonElement>();
        using var response = sent.Value!;
        if (!response.IsSuccessStatusCode) return await FailureAsync<JsonElement>(response, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (text.Length == 0) return JsonDocument.Parse("{}").RootElement.Clone();
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return ApiOutcome<JsonElement>.Fail(ExitCodes.Server, $"El servidor respondió algo que no es JSON en {request.RequestUri}.");
        }
    }

    private async Task<ApiOutcome<HttpResponseMessage>> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken ct)
    {
        using (request)
        {
            try
            {
                return await http.SendAsync(request, completion, ct);
            }
            catch (HttpRequestException ex)
            {
                return ApiOutcome<HttpResponseMessage>.Fail(ExitCodes.Server, $"No se pudo conectar con {BaseAddress}: {ex.Message}");
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                return ApiOutcome<HttpResponseMessage>.Fail(ExitCodes.Server, $"El servidor {BaseAddress} no respondió en {ApiConnection.RequestTimeout.TotalSeconds:0} s.");
            }
        }
    }

    private static async Task<ApiOutcome<T>> FailureAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        return ApiOutcome<T>.Fail(ExitCodeFor(response.StatusCode), ProblemText.Describe(response.StatusCode, body));
    }

    public static int ExitCodeFor(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ExitCodes.Authentication,
        HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity
            or HttpStatusCode.MethodNotAllowed or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnsupportedMediaType => ExitCodes.Usage,
        _ => ExitCodes.Server,
    };
}
