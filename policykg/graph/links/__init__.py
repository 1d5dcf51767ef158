"""Links between documents of different levels: which lower measure implements which superior one."""
