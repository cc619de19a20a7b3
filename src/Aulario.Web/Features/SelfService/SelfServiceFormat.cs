using System.Globalization;

namespace Aulario.Web.Features.SelfService;

/// <summary>How the history and recordings pages write sizes, durations and times (in the account's time zone, the page's culture).</summary>
public static class SelfServiceFormat
{
    /// <summary>"812 B", "24,5 KB", "1,3 GB" (es-AR decimal comma; 1 KB = 1024 B, as Zoom's web portal counts).</summary>
    public static string Size(long bytes, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        string[] units = ["B", "KB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0
            ? bytes.ToString("N0", culture) + " B"
            : value.ToString(value >= 100 ? "N0" : "N1", culture) + " " + units[unit];
    }

    /// <summary>"45 min", "1 h 30 min".</summary>
    public static string Minutes(int minutes) => minutes < 60
        ? minutes.ToString(CultureInfo.InvariantCulture) + " min"
        : string.Create(CultureInfo.InvariantCulture, $"{minutes / 60} h") + (minutes % 60 == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" {minutes % 60} min"));

    /// <summary>"12:03" (min:s) or "1:02:03" for a participant's time in the meeting.</summary>
    public static string Seconds(int seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Max(0, seconds));
        return t.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}:{t.Seconds:00}");
    }

    public static string DateTime(DateTimeOffset local) => local.ToString("g", CultureInfo.CurrentCulture);

    public static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
