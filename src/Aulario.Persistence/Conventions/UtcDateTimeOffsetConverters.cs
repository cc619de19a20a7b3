using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Aulario.Persistence.Conventions;

/// <summary>
/// SQLite has no date type and EF cannot order or compare <see cref="DateTimeOffset"/> there: store the instant as UTC ticks
/// (an INTEGER that sorts and compares like the instant, at full precision). Values read back are UTC.
/// Query parameters go through the same conversion, so a filter given in any offset compares instants.
/// </summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));

/// <summary>
/// PostgreSQL's <c>timestamptz</c> is an instant, but Npgsql refuses to write a <see cref="DateTimeOffset"/> whose offset is not
/// zero. Converting to UTC first lets writes and query parameters carry any offset, as on SQLite.
/// </summary>
public sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    value => value.ToUniversalTime(),
    value => value.ToUniversalTime());
