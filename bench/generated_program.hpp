// A generated Trio program for the benchmarks: functions in the styles of the lessons and
// the corpus (prints, sleeps, nurseries, timeouts, loops, try/except, comments), as long as
// asked for.
#pragma once

#include <string>

namespace trioscope::bench {

// A program of `lines` lines in the styles of the corpus: functions with prints, sleeps,
// nurseries, timeouts, loops, try/except and comments.
inline std::string big_program(int lines) {
  std::string s =
      "\"\"\"A long program\n\nGenerated for the import benchmark.\n\"\"\"\nimport time\nimport trio\n\n\n"
      "class Oops(Exception):\n    pass\n";
  int n = 10, f = 0;
  auto add = [&](const std::string& line) {
    s += line + "\n";
    ++n;
  };
  while (n < lines - 4) {
    std::string name = "worker_" + std::to_string(f);
    add("");
    add("");
    add("async def " + name + "(label, delay, task_status=trio.TASK_STATUS_IGNORED):");
    add("    \"\"\"Works a little.\"\"\"");
    add("    print(f\"{label}: starting after {delay!r:>6}\")  # the first line");
    add("    await trio.sleep(delay)");
    add("    task_status.started(delay)");
    add("    with trio.move_on_after(2.5) as scope:");
    add("        for i in range(3):");
    add("            await trio.lowlevel.checkpoint()");
    add("            print(f\"{label} round {i}\")");
    add("    print(f\"timed out: {scope.cancelled_caught}\")");
    add("    try:");
    add("        # a comment on its own line");
    add("        time.sleep(0.1)");
    add("        raise Oops('step ' \"failed\")");
    add("    except (Oops, KeyError) as e:");
    add("        print(f'{label}: caught {e}')");
    add("    else:");
    add("        pass");
    add("    finally:");
    add("        async with trio.open_nursery() as nursery:");
    add("            nursery.start_soon(helper, label, name=\"helper of " + name + "\")");
    add("            await nursery.start(" + (f ? "worker_" + std::to_string(f - 1) : std::string("tail")) +
        ", label, 0.5)");
    ++f;
  }
  s += "\n\nasync def helper(label):\n    await trio.sleep_forever()\n\n\nasync def tail(label, delay, "
       "task_status=trio.TASK_STATUS_IGNORED):\n    task_status.started()\n\n\nasync def main():\n"
       "    async with trio.open_nursery() as nursery:\n        await nursery.start(worker_" +
       std::to_string(f - 1) + ", \"main\", 1)\n        nursery.cancel_scope.cancel()\n\n\nif __name__ == \"__main__\":\n"
       "    trio.run(main, strict_exception_groups=True)\n";
  return s;
}

inline int count_lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

}  // namespace trioscope::bench
