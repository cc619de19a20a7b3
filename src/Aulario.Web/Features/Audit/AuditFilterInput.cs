using Aulario.Persistence.Audit;
using Microsoft.AspNetCore.Mvc;

namespace Aulario.Web.Features.Audit;

/// <summary>The audit filters as they arrive in the query string (page, export and API share it).
/// Dates are whole days in Argentina's time (UTC−3, no daylight saving); "hasta" includes that day.</summary>
public sealed class AuditFilterInput
{
    public static readonly TimeSpan ArgentinaOffset = TimeSpan.FromHours(-3);

    [FromQuery(Name = "actor")] public string? Actor { get; set; }
    [FromQuery(Name = "accion")] public string? Action { get; set; }
    [FromQuery(Name = "objetivo")] public string? Target { get; set; }
    [FromQuery(Name = "desde")] public DateOnly? From { get; set; }
    [FromQuery(Name = "hasta")] public DateOnly? To { get; set; }

    public AuditFilter ToFilter() => new(
        Actor: Trim(Actor),
        Action: Trim(Action),
        Target: Trim(Target),
        From: From is { } from ? new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), ArgentinaOffset) : null,
        To: To is { } to ? new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), ArgentinaOffset) : null);

    public bool IsRangeInverted => From is { } f && To is { } t && f > t;

    public Dictionary<string, string?> ToRouteValues(int? page = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["actor"] = Trim(Actor),
            ["accion"] = Trim(Action),
            ["objetivo"] = Trim(Target),
            ["desde"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["hasta"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (page is { } p) values["pagina"] = p.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return values.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value);
    }

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
