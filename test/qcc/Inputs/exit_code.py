"""Runs a command and prints its exit status as "exit N" (a negative N is
the signal that killed it), so lit tests can check the exact code.

    %python %S/Inputs/exit_code.py %qcc compile ... | FileCheck ...
"""
import subprocess
import sys

r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
print("exit %d" % r.returncode)
