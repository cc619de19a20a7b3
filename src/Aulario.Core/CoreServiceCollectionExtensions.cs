using Aulario.Core.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aulario.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers Core's use cases by name (no scanning).</summary>
    public static IServiceCollection AddAularioCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ProvisioningOptions>();
        services.AddScoped<AccountQueries>();
        services.AddScoped<AccountExport>();
        services.AddScoped<CreateAccount>();
        services.AddScoped<CreateMany>();
        services.AddScoped<AccountCommands>();
        services.AddScoped<Delegates.DelegateCommands>();
        services.AddScoped<Invitations>();
        services.AddScoped<Scim.ScimUsers>();
        services.AddOptions<Scim.ScimOptions>(); // bound by the host (section "Scim")
        services.AddScoped<Sso.SsoAccounts>();
        services.AddOptions<Sso.SsoOptions>(); // bound and validated by the host (section "Sso")
        services.AddScoped<PasswordResetLinks>();
        services.AddScoped<Mail.OutboxDispatcher>();
        services.AddScoped<ProviderUserEvents>();
        services.AddScoped<Import.AccountImport>();
        services.AddScoped<Reconcile.Reconciler>();
        services.AddOptions<Reconcile.ReconcileOptions>(); // bound by the host (section "Reconcile")
        services.AddScoped<Jobs.IJobHandler, Import.AccountImportJobHandler>();
        services.AddScoped<Portals.PortalCommands>();
        services.AddScoped<Classrooms.ClassroomQueries>();
        services.AddScoped<Classrooms.ClassroomCommands>();
        services.AddScoped<Classrooms.ClassroomJobHandler>();
        services.AddScoped<Jobs.IJobHandler>(sp => sp.GetRequiredService<Classrooms.ClassroomJobHandler>());
        services.AddScoped<Jobs.IJobHandler, Classrooms.PasscodeJobHandler>();
        services.AddScoped<Import.ClassroomImport>();
        services.AddScoped<Jobs.IJobHandler, Import.ClassroomImportJobHandler>();
        services.AddScoped<Meetings.MeetingHistory>();
        services.AddScoped<Meetings.AccountRecordings>();
        services.AddOptions<Jobs.JobsOptions>(); // bound and validated by the host (section "Jobs")
        services.AddSingleton<Jobs.JobEngine>();
        return services;
    }
}
