using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Aulario.Zoom.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aulario.Zoom.Auth;

/// <summary>
/// Gets Server-to-Server OAuth tokens (account_credentials grant) and caches the current one until
/// <see cref="ZoomOptions.TokenRefreshSkew"/> before it expires. Refreshes are single-flight: many callers
/// that find the token expired wait for one token request.
/// </summary>
public sealed class ZoomTokenProvider : IDisposable
{
    public const string HttpClientName = "Aulario.Zoom.Token";

    private readonly IHttpClientFactory _httpFactory;
    private readonly ZoomOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ZoomTokenProvider> _logger;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private ZoomAccessToken? _current;

    public ZoomTokenProvider(IHttpClientFactory httpFactory, IOptions<ZoomOptions> options, TimeProvider time, ILogger<ZoomTokenProvider> logger)
    {
        _httpFactory = httpFactory;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>The cached token when still fresh, else a new one (one request for all concurrent callers).</summary>
    public async ValueTask<ZoomAccessToken> GetTokenAsync(CancellationToken ct)
    {
        var token = Volatile.Read(ref _current);
        if (IsFresh(token)) return token!;
        await _refresh.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            token = Volatile.Read(ref _current);
            if (IsFresh(token)) return token!;
            token = await RequestTokenAsync(ct).ConfigureAwait(false);
            Volatile.Write(ref _current, token);
            return token;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Drops <paramref name="rejected"/> if it is still the cached token (Zoom answered 401/124 to it).</summary>
    public void Invalidate(ZoomAccessToken rejected) => Interlocked.CompareExchange(ref _current, null, rejected);

    private bool IsFresh(ZoomAccessToken? token) =>
        token is not null && _time.GetUtcNow() < token.ExpiresAt - _options.TokenRefreshSkew;

    private async Task<ZoomAccessToken> RequestTokenAsync(CancellationToken ct)
    {
        var requestedAt = _time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.TokenUrl)
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "account_credentials"),
                new("account_id", _options.AccountId),
            ]),
        };
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(_options.ClientId + ":" + _options.ClientSecret));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        var http = _httpFactory.CreateClient(HttpClientName);
        HttpResponseMessage response;
        using var timeout = new CancellationTokenSource(_options.Retry.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            response = await http.SendAsync(request, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new ZoomApiException(new ZoomError(ZoomErrorKind.Timeout, null, null,
                "The Zoom token endpoint did not answer in time.", []), ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ZoomApiException(new ZoomError(ZoomErrorKind.Unavailable, ex.StatusCode, null,
                "The Zoom token endpoint could not be reached: " + ex.Message, []), ex);
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new ZoomApiException(TokenError(response, body));
            var payload = JsonSerializer.Deserialize<TokenResponse>(body, ZoomJson.Options);
            if (payload?.AccessToken is not { Length: > 0 } value)
                throw new ZoomApiException(new ZoomError(ZoomErrorKind.Authentication, response.StatusCode, null,
                    "The Zoom token endpoint answered without access_token.", []));
            var lifetime = TimeSpan.FromSeconds(payload.ExpiresIn is > 0 ? payload.ExpiresIn.Value : 3599);
            var scopes = (payload.Scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            _logger.LogInformation("Zoom access token obtained; valid for {Lifetime}, {ScopeCount} scopes.", lifetime, scopes.Length);
            return new ZoomAccessToken(value, requestedAt + lifetime, scopes);
        }
    }

    private static ZoomError TokenError(HttpResponseMessage response, string body)
    {
        string? reason = null, error = null;
        int? code = null;
        try
        {
            var parsed = JsonSerializer.Deserialize<TokenErrorResponse>(body, ZoomJson.Options);
            reason = parsed?.Reason;
            error = parsed?.Error;
            code = parsed?.Code;
        }
        catch (JsonException)
        {
            // Not JSON: keep the status only.
        }
        var kind = response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            ? ZoomErrorKind.Authentication
            : ZoomErrorKind.Unavailable;
        var message = ("Zoom token endpoint refused the request: " + (error ?? "error") + " " + reason).TrimEnd();
        return new ZoomError(kind, response.StatusCode, code, message, [], ZoomApiTransport.TrackingId(response));
    }

    public void Dispose() => _refresh.Dispose();

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int? ExpiresIn,
        [property: JsonPropertyName("scope")] string? Scope);

    private sealed record TokenErrorResponse(string? Reason, string? Error, int? Code);
}
