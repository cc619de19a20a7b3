using System.Globalization;
using Aulario.Core.Accounts;
using Aulario.Core.Common;

namespace Aulario.Web.Features.Accounts;

/// <summary>
/// The list's query string, shared by /cuentas, /api/v1/accounts and the CSV export:
/// estado=activas|pendientes|finalizadas|todas, q, orden=email|nombre|estado|licencia|ingreso|creada, desc=true, pagina, tam,
/// and total (the total the previous page showed, which the pager's links carry: <see cref="AccountListQuery.KnownTotal"/>).
/// Unknown values are reported as field errors (never a 500) instead of being guessed; a total that is not a count is ignored,
/// since it never changes what a page holds.
/// </summary>
public sealed class AccountListInput
{
    public const int DefaultPageSize = 50;

    public string? Estado { get; set; }
    public string? Q { get; set; }
    public string? Orden { get; set; }
    public bool Desc { get; set; }
    public int Pagina { get; set; } = 1;
    public int Tam { get; set; } = DefaultPageSize;
    public int? Total { get; set; }

    public static readonly IReadOnlyDictionary<string, AccountFilter> Filters = new Dictionary<string, AccountFilter>(StringComparer.OrdinalIgnoreCase)
    {
        ["activas"] = AccountFilter.Active, ["pendientes"] = AccountFilter.Pending,
        ["finalizadas"] = AccountFilter.Finalized, ["todas"] = AccountFilter.All,
    };

    public static readonly IReadOnlyDictionary<string, AccountSort> Sorts = new Dictionary<string, AccountSort>(StringComparer.OrdinalIgnoreCase)
    {
        ["email"] = AccountSort.Email, ["nombre"] = AccountSort.Name, ["estado"] = AccountSort.Status,
        ["licencia"] = AccountSort.LicenseType, ["ingreso"] = AccountSort.LastSignIn, ["creada"] = AccountSort.Created,
    };

    public static AccountListInput FromQuery(IQueryCollection query, out List<Error> errors)
    {
        errors = [];
        var input = new AccountListInput
        {
            Estado = Value(query, "estado"),
            Q = Value(query, "q"),
            Orden = Value(query, "orden"),
            Desc = string.Equals(Value(query, "desc"), "true", StringComparison.OrdinalIgnoreCase),
        };
        if (Value(query, "pagina") is { } p)
        {
            if (int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1) input.Pagina = page;
            else errors.Add(Error.Validation("accounts.page-invalid", "La página debe ser un número entero mayor o igual a 1.", "pagina"));
        }
        if (Value(query, "total") is { } t && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var total)) input.Total = total;
        if (Value(query, "tam") is { } s)
        {
            if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= AccountQueries.MaxPageSize) input.Tam = size;
            else errors.Add(Error.Validation("accounts.page-size-invalid", $"El tamaño de página debe estar entre 1 y {AccountQueries.MaxPageSize}.", "tam"));
        }
        if (input.Estado is not null && !Filters.ContainsKey(input.Estado))
        {
            errors.Add(Error.Validation("accounts.filter-invalid", "El estado debe ser activas, pendientes, finalizadas o todas.", "estado"));
            input.Estado = null;
        }
        if (input.Orden is not null && !Sorts.ContainsKey(input.Orden))
        {
            errors.Add(Error.Validation("accounts.sort-invalid", "El orden debe ser email, nombre, estado, licencia, ingreso o creada.", "orden"));
            input.Orden = null;
        }
        if (input.Q is { Length: > 200 })
        {
            errors.Add(Error.Validation("accounts.search-too-long", "La búsqueda admite hasta 200 caracteres.", "q"));
            input.Q = null;
        }
        return input;
    }

    public AccountFilter Filter => Estado is not null && Filters.TryGetValue(Estado, out var f) ? f : AccountFilter.All;
    public AccountSort Sort => Orden is not null && Sorts.TryGetValue(Orden, out var s) ? s : AccountSort.Email;

    public AccountListQuery ToQuery() => new(Filter, Q, Sort, Desc, Pagina, Tam, Total);

    public static string FilterKey(AccountFilter filter) => Filters.First(kv => kv.Value == filter).Key;
    public static string SortKey(AccountSort sort) => Sorts.First(kv => kv.Value == sort).Key;

    /// <summary>The query string for these settings, with the given changes (a pager's link passes the total it shows).</summary>
    public string ToQueryString(AccountFilter? filter = null, AccountSort? sort = null, bool? desc = null, int? page = null, int? total = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["estado"] = FilterKey(filter ?? Filter),
            ["q"] = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(),
            ["orden"] = SortKey(sort ?? Sort),
            ["desc"] = (desc ?? Desc) ? "true" : null,
            ["pagina"] = (page ?? Pagina) is 1 ? null : (page ?? Pagina).ToString(CultureInfo.InvariantCulture),
            ["tam"] = Tam == DefaultPageSize ? null : Tam.ToString(CultureInfo.InvariantCulture),
            ["total"] = total?.ToString(CultureInfo.InvariantCulture),
        };
        return QueryString.Create(values.Where(kv => kv.Value is not null)).ToString();
    }

    private static string? Value(IQueryCollection query, string key) =>
        query.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
}
