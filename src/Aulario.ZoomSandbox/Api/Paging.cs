using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Aulario.ZoomSandbox.Api;

/// <summary>One page of a listing.</summary>
internal sealed record PageSlice<T>(IReadOnlyList<T> Page, string Next, int PageSize, int PageCount);

/// <summary>
/// Zoom's next_page_token paging for the listings beyond /users (reports, recordings, participants): page_size 1–300 (default 30),
/// a token valid for 15 minutes and only for the listing (and page size) that issued it; an unknown or expired one is 400/300.
/// </summary>
internal static class Paging
{
    public const int MaxPageSize = 300;
    public const int DefaultPageSize = 30;

    /// <summary>The page the request asks for, or null when its page_size or next_page_token is invalid.</summary>
    public static PageSlice<T>? Slice<T>(HttpRequest request, SandboxState state, TimeProvider time, string listing, IReadOnlyList<T> all)
    {
        var pageSize = DefaultPageSize;
        if (request.Query["page_size"].FirstOrDefault() is { } ps && (!int.TryParse(ps, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
            return null;
        var now = time.GetUtcNow();
        var position = 0;
        if (request.Query["next_page_token"].FirstOrDefault() is { Length: > 0 } text)
        {
            if (!state.PageTokens.TryGetValue(text, out var token) || token.Expires <= now || token.Status != listing) return null;
            position = token.Position;
        }
        var page = all.Skip(position).Take(pageSize).ToList();
        var next = "";
        if (position + page.Count < all.Count)
        {
            next = SandboxState.NewId();
            state.PageTokens[next] = new PageToken(listing, position + page.Count, pageSize, now + Users.UserEndpoints.PageTokenLifetime);
        }
        return new PageSlice<T>(page, next, pageSize, Math.Max(1, (all.Count + pageSize - 1) / pageSize));
    }

    public static IResult InvalidToken(HttpRequest request) =>
        request.Query["page_size"].FirstOrDefault() is { } ps && (!int.TryParse(ps, CultureInfo.InvariantCulture, out var n) || n is < 1 or > MaxPageSize)
            ? ZoomResults.Validation(("page_size", $"Invalid field. page_size must be between 1 and {MaxPageSize}."))
            : ZoomResults.Error(400, 300, "The next page token is invalid or expired.");
}
