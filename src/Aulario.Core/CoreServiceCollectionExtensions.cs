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
        services.AddScoped<Invitations>();
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
        services.AddOptions<Jobs.JobsOptions>(); // bound and validated by the host (section "Jobs")
        services.AddSingleton<Jobs.JobEngine>();
        return services;
    }
}
