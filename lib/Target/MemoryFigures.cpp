//===- MemoryFigures.cpp - flash, RAM and stack of a compiled model -------===//
//
// --report's device figures: the object's section sizes, and the deepest
// stack the generated code can reach, from the code generator's frame
// sizes (TargetOptions::StackUsageOutput) over the module's call graph.
//
//===----------------------------------------------------------------------===//
#include "qcc/Target/Target.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/MemoryBuffer.h"

#include <functional>
#include <map>

using namespace mlir;

void qcc::computeStackBound(const llvm::Module &m, llvm::StringRef frames,
                            llvm::StringRef entry, unsigned returnAddressBytes,
                            MemoryFigures &out) {
  // Frame size per function. The first field is "<module>:<function>" (or
  // "<file>:<line>:<function>" with debug info): the name is after the
  // last ':'.
  llvm::StringMap<int64_t> frame;
  SmallVector<StringRef> lines;
  frames.split(lines, '\n', -1, /*KeepEmpty=*/false);
  for (StringRef line : lines) {
    SmallVector<StringRef, 3> f;
    line.split(f, '\t');
    int64_t bytes;
    if (f.size() != 3 || f[1].getAsInteger(10, bytes))
      continue;
    StringRef name = f[0].rsplit(':').second;
    if (f[2].trim() != "static") {
      out.stackProblem = "function '" + name.str() +
                         "' allocates a stack object of run-time size";
      return;
    }
    frame[name] = bytes;
  }
  // Depth-first over direct calls; a cycle or an indirect call has no bound.
  std::map<const llvm::Function *, int64_t> depth;
  std::map<const llvm::Function *, const llvm::Function *> next;
  std::map<const llvm::Function *, int> state; // 1 visiting, 2 done
  std::function<bool(const llvm::Function *)> visit =
      [&](const llvm::Function *f) -> bool {
    if (state[f] == 2)
      return true;
    if (state[f] == 1) {
      out.stackProblem = "function '" + f->getName().str() + "' is recursive";
      return false;
    }
    state[f] = 1;
    int64_t deepest = 0;
    const llvm::Function *via = nullptr;
    for (const llvm::BasicBlock &bb : *f)
      for (const llvm::Instruction &inst : bb) {
        auto *call = dyn_cast<llvm::CallBase>(&inst);
        if (!call || call->isInlineAsm())
          continue;
        const llvm::Function *callee = call->getCalledFunction();
        if (!callee) {
          out.stackProblem =
              "function '" + f->getName().str() + "' makes an indirect call";
          return false;
        }
        if (callee->isDeclaration())
          continue;
        if (!visit(callee))
          return false;
        if (!via || depth[callee] > deepest) {
          deepest = depth[callee];
          via = callee;
        }
      }
    auto it = frame.find(f->getName());
    if (it == frame.end()) {
      out.stackProblem =
          "the code generator gave no frame size for '" + f->getName().str() + "'";
      return false;
    }
    depth[f] = it->second + returnAddressBytes + deepest;
    next[f] = via;
    state[f] = 2;
    return true;
  };
  const llvm::Function *root = m.getFunction(entry);
  if (!root) {
    out.stackProblem = "no function '" + entry.str() + "'";
    return;
  }
  if (!visit(root))
    return;
  out.stackBytes = depth[root];
  for (const llvm::Function *f = root; f; f = next[f])
    out.deepestPath.push_back(f->getName().str());
}

LogicalResult qcc::measureObject(StringRef object, MemoryFigures &out,
                                 std::string &error) {
  auto buffer = llvm::MemoryBuffer::getMemBuffer(object, "object", false);
  auto obj = llvm::object::ObjectFile::createObjectFile(*buffer);
  if (!obj) {
    error = "cannot read the object: " + llvm::toString(obj.takeError());
    return failure();
  }
  auto *elf = dyn_cast<llvm::object::ELFObjectFileBase>(obj->get());
  if (!elf) {
    error = "the object is not ELF";
    return failure();
  }
  for (llvm::object::ELFSectionRef s : elf->sections()) {
    uint64_t flags = s.getFlags();
    if (!(flags & llvm::ELF::SHF_ALLOC))
      continue;
    int64_t size = s.getSize();
    if (flags & llvm::ELF::SHF_EXECINSTR)
      out.codeBytes += size;
    else if (flags & llvm::ELF::SHF_WRITE)
      out.dataBytes += size;
    else
      out.constantBytes += size;
  }
  for (const llvm::object::SymbolRef &sym : elf->symbols()) {
    auto flags = sym.getFlags();
    if (!flags || !(*flags & llvm::object::SymbolRef::SF_Undefined))
      continue;
    auto name = sym.getName();
    if (name && !name->empty())
      out.externals.push_back(name->str());
  }
  llvm::sort(out.externals);
  return success();
}
