// sockopt-migrate: moves Linux getsockopt implementations from
// char __user *optval/int __user *optlen to getsockopt_iter(sockopt_t *).
#include "support/Version.h"
#include "tool/CheckCommand.h"
#include "tool/ExplainCommand.h"
#include "tool/Options.h"
#include "tool/RewriteCommand.h"
#include "tool/ScanCommand.h"

#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/PrettyStackTrace.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"

#include <csignal>
#include <exception>
#include <unistd.h>

int main(int argc, const char **argv) {
  llvm::InitLLVM init(argc, argv);
  // A reader that closes the pipe early (`| head`) is an output error, exit
  // status 2 like any other (LLVM's default exits with 74). Runs in the
  // SIGPIPE handler, after LLVM removed the temporary files it was given.
  llvm::sys::SetOneShotPipeSignalFunction([] {
    static const char message[] =
        "sockopt-migrate: error: cannot write the output: the reader closed the pipe\n";
    (void)!::write(STDERR_FILENO, message, sizeof(message) - 1);
    ::_exit(2);
  });
  // Past `ulimit -f` a write fails with EFBIG, reported like any other
  // failed write (exit 2, or the unit listed in errors[]), instead of
  // SIGXFSZ killing the process.
  std::signal(SIGXFSZ, SIG_IGN);
  llvm::cl::SetVersionPrinter([](llvm::raw_ostream &os) {
    os << "sockopt-migrate " << SOCKOPT_MIGRATE_VERSION << " (LLVM " LLVM_VERSION_STRING ")\n";
  });
  llvm::setBugReportMsg("sockopt-migrate: internal error: the tool crashed; nothing was "
                        "written. Please report this with the command line.\n");
  // libLLVM registers some 280 options of its own; --help shows the tool's.
  for (llvm::cl::SubCommand *sub : {&llvm::cl::SubCommand::getTopLevel(), &sockopt::options::scan,
                                    &sockopt::options::rewrite, &sockopt::options::check,
                                    &sockopt::options::explain})
    llvm::cl::HideUnrelatedOptions(sockopt::options::category, *sub);
  if (!llvm::cl::ParseCommandLineOptions(
          argc, argv,
          "migrate Linux getsockopt implementations to getsockopt_iter\n\n"
          "  Run a subcommand over a kernel tree with a compilation database.\n"
          "  sockopt-migrate scan -p ~/.cache/sockopt-migrate/linux-source-6.12 -o report.json\n\n"
          "  Exit status: 0 success; 1 the run completed but some translation units\n"
          "  failed to parse (listed in the report's errors[]); 2 usage or setup error.\n",
          &llvm::errs()))
    return 2;
  try {
    if (sockopt::options::scan)
      return sockopt::runScan();
    if (sockopt::options::rewrite)
      return sockopt::runRewrite();
    if (sockopt::options::check)
      return sockopt::runCheck();
    if (sockopt::options::explain)
      return sockopt::runExplain();
  } catch (const std::exception &e) {
    llvm::errs() << "sockopt-migrate: internal error: " << e.what()
                 << "; nothing more was written. Please report this with the command line.\n";
    return 2;
  }
  llvm::errs() << "sockopt-migrate: error: no subcommand given; try 'sockopt-migrate --help'\n";
  return 2;
}
