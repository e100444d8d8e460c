// Runs the CUDA kernels of delta_rule.cu on the CPU, one block at a time with one thread per block, so
// that their arithmetic can be checked against the DJL reference on a machine without a GPU. The
// kernels stride every loop over the block's threads and separate their phases with barriers, so one
// thread runs exactly their arithmetic; a GPU runs the same with many (the device check covers that).
//
// usage: emulate <forward|backward> <gated 0|1> <heads> <time> <dk> <dv> <chunk> <folder>
// reads q k v beta [log_decay] [d_out] as raw little-endian float32 from <folder>/<name>.bin and writes
// out (forward) or dq dk dv dbeta [dlog_decay] (backward) beside them.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "on_the_host.h"

static std::vector<float> load(const std::string& folder, const char* name, size_t count) {
    std::vector<float> data(count);
    std::string path = folder + "/" + name + ".bin";
    FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr || std::fread(data.data(), sizeof(float), count, file) != count) {
        std::fprintf(stderr, "cannot read %zu floats from %s\n", count, path.c_str());
        std::exit(2);
    }
    std::fclose(file);
    return data;
}

static void save(const std::string& folder, const char* name, const std::vector<float>& data) {
    std::string path = folder + "/" + name + ".bin";
    FILE* file = std::fopen(path.c_str(), "wb");
    if (file == nullptr || std::fwrite(data.data(), sizeof(float), data.size(), file) != data.size()) {
        std::fprintf(stderr, "cannot write %s\n", path.c_str());
        std::exit(2);
    }
    std::fclose(file);
}

int main(int argc, char** argv) {
    if (argc != 9) {
        std::fprintf(stderr, "usage: emulate <forward|backward> <gated 0|1> <heads> <time> <dk> <dv> <chunk> <folder>\n");
        return 2;
    }
    std::string mode = argv[1];
    bool gated = std::atoi(argv[2]) != 0;
    int heads = std::atoi(argv[3]);
    int time = std::atoi(argv[4]);
    int dk = std::atoi(argv[5]);
    int dv = std::atoi(argv[6]);
    int chunk = std::atoi(argv[7]);
    std::string folder = argv[8];
    size_t rows = (size_t) heads * time;
    std::vector<float> q = load(folder, "q", rows * dk);
    std::vector<float> k = load(folder, "k", rows * dk);
    std::vector<float> v = load(folder, "v", rows * dv);
    std::vector<float> beta = load(folder, "beta", rows);
    std::vector<float> log_decay = gated ? load(folder, "log_decay", rows) : std::vector<float>();
    const float* g = gated ? log_decay.data() : nullptr;
    int chunks = (time + chunk - 1) / chunk;
    std::vector<float> out(rows * dv);
    std::vector<float> states((size_t) heads * chunks * dk * dv);
    std::vector<float> work((size_t) heads * delta_rule_work_floats(dk, dv, chunk));
    blockDim.x = 1;
    for (int h = 0; h < heads; h++) {
        blockIdx.x = h;
        delta_rule_forward(q.data(), k.data(), v.data(), beta.data(), g, out.data(), states.data(), work.data(),
                           time, dk, dv, chunk);
    }
    if (mode == "forward") {
        save(folder, "out", out);
        return 0;
    }
    std::vector<float> d_out = load(folder, "d_out", rows * dv);
    std::vector<float> dq(rows * dk), dkey(rows * dk), dval(rows * dv), dbeta(rows), dg(gated ? rows : 0);
    for (int h = 0; h < heads; h++) {
        blockIdx.x = h;
        delta_rule_backward(q.data(), k.data(), v.data(), beta.data(), g, states.data(), d_out.data(), dq.data(),
                            dkey.data(), dval.data(), dbeta.data(), gated ? dg.data() : nullptr, work.data(),
                            time, dk, dv, chunk);
    }
    save(folder, "dq", dq);
    save(folder, "dk", dkey);
    save(folder, "dv", dval);
    save(folder, "dbeta", dbeta);
    if (gated) {
        save(folder, "dlog_decay", dg);
    }
    return 0;
}
