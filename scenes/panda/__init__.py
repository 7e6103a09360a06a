"""Panda3D adapters: turn the pure meshes, textures and lights into nodes and shaders."""
