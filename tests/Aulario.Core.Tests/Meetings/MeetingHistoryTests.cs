using Aulario.Core.Meetings;

namespace Aulario.Core.Tests.Meetings;

public sealed class MeetingHistoryTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    [Fact]
    public void TheLast30Days_TodayIncluded_AreValid()
    {
        var (from, to) = MeetingHistory.DefaultRange(Today);
        Assert.Equal(new DateOnly(2026, 11, 2), from);
        Assert.Equal(Today, to);
        Assert.Empty(MeetingHistory.Validate(from, to, Today));
    }

    [Fact]
    public void SixMonthsBack_IsTheLimit()
    {
        Assert.Empty(MeetingHistory.Validate(new DateOnly(2026, 6, 1), Today, Today));
        var tooOld = Assert.Single(MeetingHistory.Validate(new DateOnly(2026, 5, 31), Today, Today));
        Assert.Equal("history.too-old", tooOld.Code);
        Assert.Equal("desde", tooOld.Field);
        Assert.Contains("01/06/2026", tooOld.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromAfterTo_AndFromInTheFuture_AreRefused()
    {
        Assert.Contains(MeetingHistory.Validate(new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 10), Today), e => e.Code == "history.range-inverted");
        Assert.Contains(MeetingHistory.Validate(new DateOnly(2026, 12, 5), new DateOnly(2026, 12, 9), Today), e => e.Code == "history.future");
        Assert.Empty(MeetingHistory.Validate(Today, Today, Today));
    }

    [Theory]
    [InlineData("America/Argentina/Cordoba", -3)]
    [InlineData("Europe/Madrid", 1)]
    [InlineData("no/existe", -3)]
    [InlineData(null, -3)]
    public void TimesAreShownInTheAccountsZone_OrArgentinas(string? zone, int offsetInDecember)
    {
        var tz = SelfServiceAccount.ResolveTimeZone(zone);
        Assert.Equal(TimeSpan.FromHours(offsetInDecember), tz.GetUtcOffset(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero)));
    }
}
