"""Writes mean_red.pt: a tiny TorchScript reward model for TorchScriptModelTest.

Contract (see TorchScriptModel): forward(images float32 [N,3,H,W] in [0,1],
tokens int64 [N,L]) -> float32 [N]. This fixture scores
    mean(red channel) + 0.01 * (number of non-padding tokens, id != 0)
so the test can check both inputs arrive as documented.

Run with Debian's torch:  /usr/bin/python3 make_fixture.py
"""
import torch


class MeanRed(torch.nn.Module):
    def forward(self, images: torch.Tensor, tokens: torch.Tensor) -> torch.Tensor:
        red = images[:, 0, :, :].mean(dim=(1, 2))
        words = (tokens != 0).sum(dim=1).to(torch.float32)
        return red + 0.01 * words


if __name__ == "__main__":
    torch.manual_seed(0)
    scripted = torch.jit.script(MeanRed())
    scripted.save("mean_red.pt")
    check = scripted(torch.full((1, 3, 4, 4), 0.5), torch.tensor([[5, 6, 0]]))
    print("wrote mean_red.pt; f(0.5 image, 2 tokens) =", float(check[0]))
