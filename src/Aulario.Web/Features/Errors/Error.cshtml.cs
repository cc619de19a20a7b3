using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aulario.Web.Features.Errors;

/// <summary>The friendly error page (status code pages and unexpected exceptions). Never shows exception details.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string TitleKey { get; private set; } = "Error.Title.500";
    public string MessageKey { get; private set; } = "Error.Message.500";
    public string? RequestId { get; private set; }

    public void OnGet(int? code) => Describe(code);
    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var status = code ?? HttpContext.Response.StatusCode;
        var known = status is 400 or 403 or 404 or 500 ? status : status >= 500 ? 500 : 400;
        TitleKey = "Error.Title." + known.ToString(System.Globalization.CultureInfo.InvariantCulture);
        MessageKey = "Error.Message." + known.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (code is not null && HttpContext.Response.StatusCode == StatusCodes.Status200OK) HttpContext.Response.StatusCode = status;
        RequestId = known == 500 ? Activity.Current?.Id ?? HttpContext.TraceIdentifier : null;
    }
}
