using Aulario.Core.Accounts;
using Aulario.Core.Audit;
using Aulario.Core.Common;
using Aulario.Core.Delegates;
using Aulario.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Aulario.Web.Features.SelfService;

/// <summary>What the delegates panel shows, and the page logic both delegates pages share (they differ in the account and scope).</summary>
public sealed class DelegatesPanel
{
    public required DelegatesOverview Overview { get; init; }
    public IReadOnlyList<Account> Candidates { get; init; } = [];
    public IReadOnlyList<DelegateOutcome> Outcomes { get; init; } = [];
    public bool Removing { get; init; }
    public string? Search { get; init; }
    public string? AddText { get; init; }
    /// <summary>The page path the panel's forms post to.</summary>
    public required string Action { get; init; }

    public enum Operation { View, Add, Remove }

    /// <summary>Runs the operation (if any) and reads the panel; null when the account is not found or out of scope.</summary>
    public static async Task<DelegatesPanel?> RunAsync(DelegateCommands delegates, Guid accountId, AdminScope scope, Actor actor, string action,
        Operation op, string? search, IReadOnlyList<string> chosen, string? text, ModelStateDictionary modelState, CancellationToken ct)
    {
        IReadOnlyList<DelegateOutcome> outcomes = [];
        var keepText = (string?)null;
        if (op != Operation.View)
        {
            var emails = chosen.Concat(text is null ? [] : [text]).ToList();
            var done = op == Operation.Add
                ? await delegates.AddAsync(accountId, emails, actor, scope, ct)
                : await delegates.RemoveAsync(accountId, emails, actor, scope, ct);
            if (done.IsSuccess) outcomes = done.Value;
            else
            {
                if (done.Errors.Any(e => e.Code == "account.not-found")) return null;
                modelState.AddErrors(done.Errors);
                keepText = text;
            }
            if (outcomes.Any(o => !o.Done)) keepText = text;
        }
        var overview = await delegates.GetAsync(accountId, actor, scope, ct);
        if (!overview.IsSuccess)
        {
            if (overview.Errors.Any(e => e.Code == "account.not-found")) return null;
            modelState.AddErrors(overview.Errors);
            var local = await delegates.GetLocalAsync(accountId, scope, ct);
            if (!local.IsSuccess) return null;
            overview = local;
        }
        IReadOnlyList<Account> candidates = [];
        if (overview.Value.Account.Status == AccountStatus.Active
            && await delegates.CandidatesAsync(accountId, search, scope, ct) is { IsSuccess: true } found) candidates = found.Value;
        return new DelegatesPanel
        {
            Overview = overview.Value, Candidates = candidates, Outcomes = outcomes,
            Removing = op == Operation.Remove, Search = search, AddText = keepText, Action = action,
        };
    }
}
