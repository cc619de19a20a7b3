using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Aulario.Zoom.Http;
using Microsoft.Extensions.Options;

namespace Aulario.Zoom.Auth;

/// <summary>
/// Adds <c>Authorization: Bearer</c> to every API call; after a 401 with code 124 it drops the token, gets a new one
/// and sends the call once more. Follows redirects itself so the Bearer header is sent again to trusted hosts
/// (HttpClient strips it on redirects).
/// </summary>
internal sealed class ZoomAuthHandler : DelegatingHandler
{
    private const int MaxRedirects = 5;
    private readonly ZoomTokenProvider _tokens;
    private readonly ZoomTrustedHosts _trusted;

    public ZoomAuthHandler(ZoomTokenProvider tokens, ZoomTrustedHosts trusted)
    {
        _tokens = tokens;
        _trusted = trusted;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var token = await _tokens.GetTokenAsync(ct).ConfigureAwait(false);
        var response = await SendFollowingRedirectsAsync(request, token, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || await ZoomCodeAsync(response, ct).ConfigureAwait(false) != ZoomError.InvalidAccessToken)
            return response;

        response.Dispose();
        _tokens.Invalidate(token);
        token = await _tokens.GetTokenAsync(ct).ConfigureAwait(false);
        return await SendFollowingRedirectsAsync(request, token, ct).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendFollowingRedirectsAsync(HttpRequestMessage request, ZoomAccessToken token, CancellationToken ct)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        var response = await base.SendAsync(request, ct).ConfigureAwait(false);
        var current = request;
        for (var hop = 0; hop < MaxRedirects && IsRedirect(response.StatusCode) && response.Headers.Location is { } location; hop++)
        {
            var target = location.IsAbsoluteUri ? location : new Uri(current.RequestUri!, location);
            var method = response.StatusCode == HttpStatusCode.SeeOther || (current.Method == HttpMethod.Post && response.StatusCode is HttpStatusCode.Found or HttpStatusCode.MovedPermanently)
                ? HttpMethod.Get
                : current.Method;
            var next = new HttpRequestMessage(method, target);
            if (method == current.Method && current.Content is not null) next.Content = current.Content;
            if (current.Headers.Range is { } range) next.Headers.Range = range; // seeking survives the redirect to the file host
            foreach (var option in current.Options) ((IDictionary<string, object?>)next.Options)[option.Key] = option.Value;
            if (_trusted.MayReceiveToken(target))
                next.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
            response.Dispose();
            if (!ReferenceEquals(current, request)) current.Dispose();
            current = next;
            response = await base.SendAsync(current, ct).ConfigureAwait(false);
        }
        return response;
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static async Task<int?> ZoomCodeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await response.Content.LoadIntoBufferAsync(ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("code", out var code) && code.TryGetInt32(out var value)
                ? value
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Hosts that may receive the Bearer token: the API host, the token host and configured suffixes (over https).</summary>
internal sealed class ZoomTrustedHosts
{
    private readonly string _apiHost;
    private readonly string _tokenHost;
    private readonly IReadOnlyList<string> _suffixes;

    public ZoomTrustedHosts(IOptions<ZoomOptions> options)
    {
        _apiHost = new Uri(options.Value.ApiBaseUrl).Host;
        _tokenHost = new Uri(options.Value.TokenUrl).Host;
        _suffixes = ["zoom.us", .. options.Value.TrustedDownloadHostSuffixes];
    }

    public bool MayReceiveToken(Uri target)
    {
        if (string.Equals(target.Host, _apiHost, StringComparison.OrdinalIgnoreCase)
            || string.Equals(target.Host, _tokenHost, StringComparison.OrdinalIgnoreCase))
            return true;
        return target.Scheme == Uri.UriSchemeHttps && _suffixes.Any(s =>
            string.Equals(target.Host, s, StringComparison.OrdinalIgnoreCase)
            || target.Host.EndsWith("." + s.TrimStart('.'), StringComparison.OrdinalIgnoreCase));
    }
}
