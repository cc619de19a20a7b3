using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aulario.Zoom.Http;

/// <summary>
/// Sends Zoom calls: waits for the label's rate-limit permit before every attempt, bounds each attempt with
/// <see cref="ZoomRetryOptions.RequestTimeout"/>, retries 429 QPS (in the next one-second window when Retry-After is at most 1 s,
/// otherwise honouring Retry-After with jitter) and, for
/// idempotent calls only, 5xx and timeouts. Daily-limit 429s stop at once and report the reset time.
/// Errors become <see cref="ZoomApiException"/> with the parsed <see cref="ZoomError"/>.
/// </summary>
internal sealed class ZoomApiTransport
{
    public const string HttpClientName = "Aulario.Zoom.Api";

    private readonly HttpClient _http;
    private readonly ZoomRateLimiter _limiter;
    private readonly ZoomOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ZoomApiTransport> _logger;

    public ZoomApiTransport(HttpClient http, ZoomRateLimiter limiter, IOptions<ZoomOptions> options, TimeProvider time, ILogger<ZoomApiTransport> logger)
    {
        _http = http;
        _limiter = limiter;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public ZoomOptions Options => _options;

    public async Task<T> SendAsync<T>(ZoomRequest request, CancellationToken ct)
    {
        using var response = await SendCoreAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return JsonSerializer.Deserialize<T>(body, ZoomJson.Options)
            ?? throw new ZoomApiException(new ZoomError(ZoomErrorKind.Api, response.StatusCode, null, "Zoom answered with an empty body.", [], TrackingId(response)));
    }

    /// <summary>Like <see cref="SendAsync{T}"/>, but an empty body (204) is null.</summary>
    public async Task<T?> SendOptionalAsync<T>(ZoomRequest request, CancellationToken ct) where T : class
    {
        using var response = await SendCoreAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize<T>(body, ZoomJson.Options);
    }

    /// <summary>Every item of a list endpoint, following next_page_token with a constant page_size.</summary>
    public async IAsyncEnumerable<TItem> PagesAsync<TPage, TItem>(Func<ZoomRequest> build, Func<TPage, IEnumerable<TItem>?> items,
        Func<TPage, string?> nextToken, int? pageSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var size = pageSize ?? _options.PageSize;
        string? next = null;
        do
        {
            var request = build().With("page_size", size).With("next_page_token", next);
            var page = await SendAsync<TPage>(request, ct).ConfigureAwait(false);
            foreach (var item in items(page) ?? []) yield return item;
            next = nextToken(page) is { Length: > 0 } token ? token : null;
        }
        while (next is not null);
    }

    public async Task SendAsync(ZoomRequest request, CancellationToken ct)
    {
        using var response = await SendCoreAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
    }

    /// <summary>Streams an absolute URL (a recording's download_url) with the Bearer header; the caller disposes the result.</summary>
    public async Task<HttpResponseMessage> GetStreamingAsync(ZoomRequest request, CancellationToken ct) =>
        await SendCoreAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);

    private async Task<HttpResponseMessage> SendCoreAsync(ZoomRequest request, HttpCompletionOption completion, CancellationToken ct)
    {
        var retry = _options.Retry;
        byte[]? body = request.Body is null ? null : JsonSerializer.SerializeToUtf8Bytes(request.Body, request.Body.GetType(), ZoomJson.Options);
        for (var attempt = 1; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            var window = await _limiter.AcquireAsync(request.Label, ct).ConfigureAwait(false);
            using var message = new HttpRequestMessage(request.Method, request.RelativeUri());
            if (request.Range is { } range && RangeHeaderValue.TryParse(range, out var parsedRange) && parsedRange.Unit == "bytes")
                message.Headers.Range = parsedRange;
            if (body is not null)
            {
                message.Content = new ByteArrayContent(body);
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            }
            var last = attempt >= retry.MaxAttempts;
            HttpResponseMessage response;
            using var timeout = new CancellationTokenSource(retry.RequestTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            try
            {
                response = await _http.SendAsync(message, completion, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
            {
                var error = new ZoomError(ZoomErrorKind.Timeout, null, null,
                    string.Create(CultureInfo.InvariantCulture, $"No answer from Zoom within {retry.RequestTimeout} ({request.Method} {request.Path})."), []);
                if (!request.IsIdempotent || last) throw new ZoomApiException(error, ex);
                await WaitAsync(Backoff(attempt), request, attempt, "timeout", ct).ConfigureAwait(false);
                continue;
            }
            catch (HttpRequestException ex)
            {
                var error = new ZoomError(ZoomErrorKind.Unavailable, ex.StatusCode, null, "Zoom could not be reached: " + ex.Message, []);
                if (!request.IsIdempotent || last) throw new ZoomApiException(error, ex);
                await WaitAsync(Backoff(attempt), request, attempt, "network error", ct).ConfigureAwait(false);
                continue;
            }

            _limiter.Observe(request.Label, window, response);
            if (response.IsSuccessStatusCode) return response;

            ZoomError failure;
            bool nextWindow;
            using (response)
            {
                failure = await ReadErrorAsync(response, ct).ConfigureAwait(false);
                nextWindow = IsPerSecondRetry(response);
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                if (failure.Kind == ZoomErrorKind.DailyLimit) throw new ZoomApiException(failure);
                var now = _time.GetUtcNow();
                if (nextWindow && !last)
                {
                    // Zoom counts per-second limits in one-second windows; "Retry-After: 1" is that window rounded up. The retry
                    // goes through the limiter again, which spreads retries over the next window (no extra jitter second).
                    await WaitAsync(Max(ZoomRateLimiter.WindowAfter(window) - now, TimeSpan.Zero) + SmallJitter(), request, attempt, "429 QPS", ct).ConfigureAwait(false);
                    continue;
                }
                var wait = failure.RetryAt is { } at ? Max(at - now, TimeSpan.Zero) : Backoff(attempt);
                if (last || wait > retry.MaxRetryAfter)
                    throw new ZoomApiException(failure with { Kind = ZoomErrorKind.RateLimited, RetryAt = failure.RetryAt ?? now + wait });
                await WaitAsync(wait + Jitter(), request, attempt, "429 " + (failure.RateLimitType ?? "QPS"), ct).ConfigureAwait(false);
                continue;
            }

            if ((int)response.StatusCode >= 500)
            {
                var unavailable = failure with { Kind = ZoomErrorKind.Unavailable };
                if (!request.IsIdempotent || last) throw new ZoomApiException(unavailable);
                await WaitAsync(Backoff(attempt), request, attempt, "HTTP " + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
                continue;
            }

            throw new ZoomApiException(failure);
        }
    }

    private async Task WaitAsync(TimeSpan wait, ZoomRequest request, int attempt, string reason, CancellationToken ct)
    {
        _logger.LogWarning("Zoom {Method} {Path}: {Reason} on attempt {Attempt}; retrying in {Wait}.", request.Method, request.Path, reason, attempt, wait);
        await Task.Delay(wait, _time, ct).ConfigureAwait(false);
    }

    /// <summary>Exponential backoff from BaseDelay, capped at MaxDelay, plus jitter so parallel callers do not retry together.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var retry = _options.Retry;
        var exponential = retry.BaseDelay * Math.Pow(2, Math.Min(attempt - 1, 16));
        return Min(exponential, retry.MaxDelay) + Jitter();
    }

    private TimeSpan Jitter() => _options.Retry.BaseDelay * Random.Shared.NextDouble();

    /// <summary>Up to a twentieth of a second: enough to spread retries inside a window the limiter already paces.</summary>
    private static TimeSpan SmallJitter() => TimeSpan.FromMilliseconds(50 * Random.Shared.NextDouble());

    /// <summary>A per-second 429 whose Retry-After (if any) is at most one second in delta-seconds: retry in the next window.</summary>
    private static bool IsPerSecondRetry(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.TooManyRequests) return false;
        var type = Header(response, "X-RateLimit-Type");
        if (type is not null && !string.Equals(type, "QPS", StringComparison.OrdinalIgnoreCase)) return false;
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter is null) return Header(response, "Retry-After") is null;
        return retryAfter.Date is null && retryAfter.Delta is { } delta && delta <= TimeSpan.FromSeconds(1);
    }

    private async Task<ZoomError> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        var (code, message, fields) = ParseBody(text);
        var rateType = Header(response, "X-RateLimit-Type");
        var kind = ZoomErrorKind.Api;
        DateTimeOffset? retryAt = null;
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            retryAt = RetryAfter(response, _time.GetUtcNow());
            var daily = string.Equals(rateType, "Daily-limit", StringComparison.OrdinalIgnoreCase);
            kind = daily ? ZoomErrorKind.DailyLimit : ZoomErrorKind.RateLimited;
            if (daily && retryAt is null)
            {
                var today = _time.GetUtcNow().UtcDateTime.Date;
                retryAt = new DateTimeOffset(today.AddDays(1), TimeSpan.Zero);
            }
        }
        else if ((int)response.StatusCode >= 500)
        {
            kind = ZoomErrorKind.Unavailable;
        }
        return new ZoomError(kind, response.StatusCode, code,
            message ?? string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}"),
            fields, TrackingId(response), rateType, retryAt);
    }

    /// <summary>Retry-After as delta seconds or as an HTTP/ISO-8601 date.</summary>
    internal static DateTimeOffset? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.Headers.RetryAfter is { } parsed)
        {
            if (parsed.Delta is { } delta) return now + delta;
            if (parsed.Date is { } date) return date;
        }
        var raw = Header(response, "Retry-After");
        if (raw is null) return null;
        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)) return now + TimeSpan.FromSeconds(seconds);
        return DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
    }

    private static (int? Code, string? Message, IReadOnlyList<ZoomFieldError> Fields) ParseBody(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, null, []);
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, null, []);
            int? code = null;
            foreach (var name in (string[])["code", "errorCode"])
            {
                if (root.TryGetProperty(name, out var c))
                {
                    if (c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n)) code = n;
                    else if (c.ValueKind == JsonValueKind.String && int.TryParse(c.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)) code = s;
                    if (code is not null) break;
                }
            }
            string? message = null;
            foreach (var name in (string[])["message", "error_message", "reason"])
            {
                if (root.TryGetProperty(name, out var m) && m.ValueKind == JsonValueKind.String) { message = m.GetString(); break; }
            }
            var fields = new List<ZoomFieldError>();
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                foreach (var e in errors.EnumerateArray())
                {
                    if (e.ValueKind != JsonValueKind.Object) continue;
                    var field = e.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
                    var msg = e.TryGetProperty("message", out var fm) && fm.ValueKind == JsonValueKind.String ? fm.GetString() : null;
                    fields.Add(new ZoomFieldError(field ?? "", msg ?? ""));
                }
            }
            return (code, message, fields);
        }
        catch (JsonException)
        {
            return (null, text.Length > 200 ? text[..200] : text, []);
        }
    }

    internal static string? TrackingId(HttpResponseMessage response) => Header(response, "x-zm-trackingid");

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
