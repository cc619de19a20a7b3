namespace Aulario.Zoom.Http;

/// <summary>Splits a date range into consecutive windows of at most one month (Zoom's limit on from/to ranges).</summary>
internal static class MonthWindows
{
    public static IEnumerable<(DateOnly From, DateOnly To)> Split(DateOnly from, DateOnly to)
    {
        if (to < from) throw new ArgumentException("'to' must not be before 'from'.", nameof(to));
        var start = from;
        while (true)
        {
            var end = start.AddMonths(1).AddDays(-1);
            if (end >= to)
            {
                yield return (start, to);
                yield break;
            }
            yield return (start, end);
            start = end.AddDays(1);
        }
    }
}
