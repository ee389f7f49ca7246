"""unionkg"""
