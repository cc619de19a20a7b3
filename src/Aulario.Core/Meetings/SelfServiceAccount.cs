using Aulario.Core.Accounts;
using Aulario.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Aulario.Core.Meetings;

/// <summary>The account a self-service page acts on, with its Zoom user and the time zone its meetings are shown in.</summary>
public sealed record SelfServiceAccount(Guid Id, string Email, string ZoomUserId, TimeZoneInfo TimeZone)
{
    /// <summary>Argentina (UTC−3, no daylight saving) when the account has no time zone Aulario can resolve.</summary>
    public static readonly TimeZoneInfo DefaultTimeZone = TimeZoneInfo.CreateCustomTimeZone("America/Argentina/Buenos_Aires", TimeSpan.FromHours(-3),
        "America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires");

    internal static async Task<Result<SelfServiceAccount>> LoadAsync(IAularioDb db, Guid accountId, CancellationToken ct)
    {
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null)
            return Error.NotFound("self.account-not-found", "La cuenta de Zoom asociada a tu usuario ya no existe en Aulario. Pedile a un administrador que la revise.");
        if (account.ZoomUserId is not { Length: > 0 } zoomUserId || account.Status == AccountStatus.Pending)
            return Error.Conflict("self.account-not-linked",
                "Tu cuenta todavía no está activa en Zoom (la invitación está pendiente), así que no tiene reuniones ni grabaciones para mostrar.");
        return new SelfServiceAccount(account.Id, account.Email, zoomUserId, ResolveTimeZone(account.Timezone));
    }

    /// <summary>The account's Zoom time zone (IANA, e.g. "America/Argentina/Cordoba"), or <see cref="DefaultTimeZone"/>.</summary>
    public static TimeZoneInfo ResolveTimeZone(string? timezone)
    {
        if (timezone is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(timezone, out var zone)) return zone;
        return DefaultTimeZone;
    }

    /// <summary>Today in the account's time zone.</summary>
    public DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZone).DateTime);

    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, TimeZone);
}
